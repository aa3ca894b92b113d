package com.shop.cdc.console.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Restores a signed-in user from the session cookie. The role is read again on every request, so a
 * user deleted or given another role on the Users page is held to it at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Users users;

    public SessionIdentityProvider(Users users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> users.find(request.getPrincipal()).map(PasswordIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("the session's user no longer exists")));
    }
}
