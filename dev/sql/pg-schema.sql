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
  tags             text[]
);
-- Full before-images: deletes and updates carry the whole old row, not placeholders.
ALTER TABLE public.users REPLICA IDENTITY FULL;
