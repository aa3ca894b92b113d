package com.shop.cdc.console.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a login (form or basic) against the bcrypt hash in {@code console_user}. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Users users;

    public PasswordIdentityProvider(Users users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> users.find(request.getUsername())
                .filter(user -> BcryptUtil.matches(new String(request.getPassword().getPassword()), user.passwordHash()))
                .map(PasswordIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("wrong user name or password")));
    }

    static SecurityIdentity identity(ConsoleUser user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.username()))
                .addRole(user.role().roleName()).build();
    }
}
