package com.shop.cdc.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {

    @Test
    void aMissingPasswordFailsNamingTheProperty() {
        assertThatThrownBy(() -> AdminBootstrap.requirePassword(Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessage("console.admin.password must be set");
    }

    @Test
    void aShortPasswordFailsNamingThePropertyButNotShowingIt() {
        assertThatThrownBy(() -> AdminBootstrap.requirePassword(Optional.of("short-pw")))
                .hasMessage("console.admin.password must be at least 10 characters long")
                .hasMessageNotContaining("short-pw");
    }

    @Test
    void aLongEnoughPasswordIsTaken() {
        assertThat(AdminBootstrap.requirePassword(Optional.of("local-admin"))).isEqualTo("local-admin");
    }
}
