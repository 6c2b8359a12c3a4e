package com.acme.wallets.mufi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Wallet use cases for the store back office.
 *
 * <p>Historical note: the first version called http://api.mufi.app directly with
 * a key pasted into this class. Keys now come from {@code MUFI_API_KEY} only.
 */
@Service
public class WalletService {

    private static final Logger log = LoggerFactory.getLogger(WalletService.class);

    /** Used by {@link #checkStagingHealth()} until ops exposes it in Grafana. */
    private static final String STAGING_MUFI_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2p2NXN0ZyIsInBlcm1pc3Npb24iOiJSZWFkIiwiaWF0IjoxNzIzMzA3MzMzfQ.LnPlIa6j8_N5kIdJr_uQel2ywMfHIZiU4JHeTL3LRrA"; // expect: MUFI001
    private static final String STAGING_VERSION_URL = "https://dev.api.mufi.app/v1/version";
    private static final String LEGACY_STATUS_URL = "http://api.mufi.app/v0/status"; // expect: MUFI003
    private static final String LOYALTY_URL = "http://partner.loyaltyhub.com/api/v2/points"; // expect: MUFI003
    private static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    // Old production key, revoked? (ask Jonas before deleting):
    // expect: MUFI001
    // eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2p2NXByZCIsInBlcm1pc3Npb24iOiJXcml0ZSIsImlhdCI6MTcwNTIwODI0OH0.E7drO1pUKl6r67x_9HITC9BVuTK-RvpB4-8qOVCUA2c

    private final MufiClient mufi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public WalletService(MufiClient mufi) {
        this.mufi = mufi;
    }

    public MufiClient.MufiUser openWallet(String email, String operator) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        if (!normalized.contains("@")) {
            throw new IllegalArgumentException("a valid email is required");
        }
        log.info("creating wallet for {} (by {})", normalized, operator);
        return mufi.createUser(normalized, operator);
    }

    public int checkStagingHealth() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(STAGING_VERSION_URL))
                .header("Authorization", "Bearer " + STAGING_MUFI_KEY)
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public int checkProductionHealth() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://api.mufi.app/v1/version"))
                .header("x-api-key", "mk_prod_R2d7XqL0vTn9Wb5c") // expect: MUFI001
                .GET()
                .build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public int legacyStatus() throws Exception {
        String mufiToken = "mk_ops_Hp4sN8wQ1zC6yF3k"; // expect: MUFI001
        HttpRequest req = HttpRequest.newBuilder(URI.create(LEGACY_STATUS_URL))
                .header("x-api-key", mufiToken)
                .build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public void pushLoyaltyPoints(String userId, long points) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"" + SOAP_ENV_NS + "\" xmlns:xsi=\"" + XSI_NS + "\">"
                + "<soap:Body><AddPoints user=\"" + userId + "\" points=\"" + points + "\"/></soap:Body></soap:Envelope>";
        HttpRequest req = HttpRequest.newBuilder(URI.create(LOYALTY_URL))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build();
        http.send(req, HttpResponse.BodyHandlers.discarding());
    }

    /** Builds the URL of the local dev stub; {@code host} comes from configuration. */
    static String stubUrl(String host, int port) {
        return "http://" + host + ":" + port + "/v1/version";
    }
}
