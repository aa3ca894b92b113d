package com.shop.cdc.console.account;

import java.time.Instant;

/** A console account as stored; the hash is bcrypt in modular crypt format. */
public record ConsoleUser(String username, String passwordHash, Role role, Instant createdAt) {
}
