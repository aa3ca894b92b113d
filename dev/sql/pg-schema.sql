-- Users source (PostgreSQL). Idempotent: applied before the connector is registered.
SET TimeZone = 'UTC';
CREATE TABLE IF NOT EXISTS public.users (
  id               bigserial PRIMARY KEY,
  email            text NOT NULL,
  full_name        text,
  phone            text,
  country          char(2),
  marketing_opt_in boolean NOT NULL DEFAULT false,
  loyalty_points   int DEFAULT 0,
  balance          numeric(12,2),
  birth_date       date,
  created_at       timestamptz NOT NULL,
  updated_at       timestamp,
  preferences      jsonb,
  tags             text[],
  bio              text
);
-- IF NOT EXISTS: a users table created before bio existed gets it too.
ALTER TABLE public.users ADD COLUMN IF NOT EXISTS bio text;
-- The default identity, as most sources run: an update's before image is empty, a delete's holds the
-- key alone, and an update that leaves an out-of-line (TOAST) value such as a large bio unchanged
-- carries __debezium_unavailable_value for it, which every target must resolve to the stored value.
ALTER TABLE public.users REPLICA IDENTITY DEFAULT;
