-- Orders source (MariaDB). Idempotent: applied before the connector is registered.
CREATE DATABASE IF NOT EXISTS shop_orders CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE shop_orders;
CREATE TABLE IF NOT EXISTS orders (
  id               bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id          bigint NOT NULL,
  status           enum('PENDING','PAID','SHIPPED','DELIVERED','CANCELLED') NOT NULL DEFAULT 'PENDING',
  total            decimal(12,2) NOT NULL,
  currency         char(3) NOT NULL DEFAULT 'EUR',
  created_at       datetime(3) NOT NULL,
  updated_at       timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  shipping_address json,
  note             text
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS order_items (
  order_id   bigint NOT NULL,
  line_no    int NOT NULL,
  product_id varchar(24) NOT NULL,
  quantity   int NOT NULL,
  unit_price decimal(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
) ENGINE=InnoDB;
