package com.shop.cdc.console.account;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The console's accounts, table {@code console_user}: passwords kept as bcrypt hashes only. */
@ApplicationScoped
public class Users {

    public static final int MIN_PASSWORD = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final AgroalDataSource dataSource;

    public Users(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ConsoleUser> find(String username) {
        return query("SELECT username, password_hash, role, created_at FROM console_user WHERE username = ?", username)
                .stream().findFirst();
    }

    public List<ConsoleUser> all() {
        return query("SELECT username, password_hash, role, created_at FROM console_user ORDER BY username", null);
    }

    /** Creates the user, or gives an existing one the new password and role. */
    public void save(String username, String password, Role role) {
        checkName(username);
        checkPassword("password", password);
        update("""
                INSERT INTO console_user (username, password_hash, role) VALUES (?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role""",
                username, BcryptUtil.bcryptHash(password), role.roleName());
    }

    /** Creates the user unless one of that name exists; true when it was created. */
    public boolean createIfAbsent(String username, String password, Role role) {
        checkName(username);
        return update("INSERT INTO console_user (username, password_hash, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                username, BcryptUtil.bcryptHash(password), role.roleName()) == 1;
    }

    public boolean delete(String username) {
        return update("DELETE FROM console_user WHERE username = ?", username) == 1;
    }

    /** @throws IllegalArgumentException naming what is wrong with the password, never showing it */
    public static void checkPassword(String property, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(property + " must be set");
        }
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException(property + " must be at least " + MIN_PASSWORD + " characters long");
        }
    }

    private static void checkName(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits or . _ @ -");
        }
    }

    private List<ConsoleUser> query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<ConsoleUser> users = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    users.add(new ConsoleUser(rows.getString(1), rows.getString(2), Role.of(rows.getString(3)),
                            rows.getTimestamp(4).toInstant()));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console_user", e);
        }
    }

    private int update(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write console_user", e);
        }
    }
}
