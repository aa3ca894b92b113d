package com.shop.cdc.console.account;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Gives a user the roles their role includes, whether it came from the console's table or from OIDC. */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted = identity.hasRole(Role.ADMIN_NAME) ? Role.ADMIN.granted()
                : identity.hasRole(Role.OPERATOR_NAME) ? Role.OPERATOR.granted()
                : identity.hasRole(Role.VIEWER_NAME) ? Role.VIEWER.granted() : Set.of();
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(granted).build());
    }
}
