package com.acme.wallets.mufi;

import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

/**
 * Calls the Mufi REST API. Endpoints are documented at https://docs.mufi.app/api;
 * every call sends {@code Authorization: Bearer <key>}.
 */
@Component
public class MufiClient {

    public record Wallet(String address) {}
    public record MufiUser(String id, String email, Wallet wallet) {}

    private final RestTemplate rest;
    private final String readApiKey;

    public MufiClient(@Qualifier("mufiRestTemplate") RestTemplate rest,
                      @Value("${mufi.read-api-key:}") String readApiKey) {
        this.rest = rest;
        this.readApiKey = readApiKey;
    }

    public MufiUser createUser(String email, String createdBy) {
        try {
            return rest.postForObject("/v1/users/create", Map.of("email", email, "createdBy", createdBy), MufiUser.class);
        } catch (HttpClientErrorException.Forbidden e) {
            throw new MufiException("Mufi refused user creation: the key needs Write permission", e);
        }
    }

    /** Profile lookups only read, so they use the Read key when one is configured. */
    public MufiUser profile(String userId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (!readApiKey.isBlank()) {
            headers.setBearerAuth(readApiKey);
        }
        var request = new HttpEntity<>(Map.of("userId", userId), headers);
        ResponseEntity<MufiUser> resp = rest.exchange("/v1/users/profile", HttpMethod.POST, request, MufiUser.class);
        if (resp.getStatusCode() == HttpStatus.NOT_FOUND) {
            return null;
        }
        return resp.getBody();
    }

    public String version() {
        return rest.getForObject("/v1/version", String.class);
    }

    public static class MufiException extends RuntimeException {
        public MufiException(String message, Throwable cause) { super(message, cause); }
    }
}
