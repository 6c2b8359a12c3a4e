package com.acme.points;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;

@Path("/auth")
public class AuthResource {

    private static final Set<String> RETURN_PATHS = Set.of("/points", "/rewards", "/profile");

    @Inject
    SessionService sessions;

    @POST
    @Path("/login")
    public Response login(@FormParam("email") String email,
                          @FormParam("password") String password,
                          @FormParam("returnPath") String returnPath) {
        NewCookie cookie = sessions.login(email, password);
        String target = RETURN_PATHS.contains(returnPath) ? returnPath : "/points";
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

    @GET
    @Path("/logout")
    public Response logout(@QueryParam("next") String next) {
        return Response.seeOther(URI.create(next == null ? "/" : next)) // expect: MUFI008
                .cookie(sessions.expiredCookie())
                .build();
    }

    @GET
    @Path("/expired")
    public Response expired() {
        return Response.temporaryRedirect(URI.create("/auth/login?expired=1")).build();
    }
}
