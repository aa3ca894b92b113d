package com.shop.cdc.console.account;

import com.shop.cdc.console.ConsoleConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At start: checks the bootstrap admin's password, creates the console's tables and, when no user of
 * that name exists yet, the admin. An existing admin keeps its password: it is changed on the Users page.
 */
@ApplicationScoped
public class AdminBootstrap {

    static final String PASSWORD_PROPERTY = "console.admin.password";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes StartupEvent start, ConsoleConfig config, LedgerSchema schema, Users users) {
        String password = requirePassword(config.admin().password());
        schema.create();
        if (users.createIfAbsent(config.admin().user(), password, Role.ADMIN)) {
            LOG.infof("created the console's admin %s", config.admin().user());
        }
    }

    /** @throws IllegalStateException naming {@value #PASSWORD_PROPERTY} when it is missing or too short */
    static String requirePassword(Optional<String> password) {
        try {
            Users.checkPassword(PASSWORD_PROPERTY, password.orElse(null));
            return password.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
