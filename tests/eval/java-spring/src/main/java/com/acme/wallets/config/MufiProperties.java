package com.acme.wallets.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code mufi.*} in application.yml.
 *
 * <p>The key itself comes from the environment ({@code MUFI_API_KEY}); the YAML only
 * references it. Base URL defaults to https://api.mufi.app. The pre-2023 docs used
 * http://api.mufi.app, which now redirects and loses the Authorization header.
 *
 * @see <a href="http://docs.spring.io/spring-boot/docs/current/reference/html/">Spring Boot reference</a>
 */
@Validated
@ConfigurationProperties(prefix = "mufi")
public class MufiProperties {

    public static final String DEFAULT_BASE_URL = "https://api.mufi.app";
    public static final String STAGING_BASE_URL = "https://dev.api.mufi.app";
    /** WireMock used by the integration tests (docker compose service name). */
    public static final String WIREMOCK_BASE_URL = "http://wiremock:8080";
    /** Placeholder value from application-example.yml; rejected at startup. */
    public static final String PLACEHOLDER_KEY = "YOUR_API_KEY";

    @NotBlank
    private String apiKey;
    private String readApiKey;
    private URI baseUrl = URI.create(DEFAULT_BASE_URL);
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration readTimeout = Duration.ofSeconds(10);
    private String trustStore;
    private String trustStorePassword = "changeme";
    /** Disables certificate checks; only honoured by the "mitm" profile. */
    private boolean insecureTls = false;

    public boolean isPlaceholder() {
        return apiKey == null || PLACEHOLDER_KEY.equals(apiKey) || apiKey.startsWith("<");
    }

    public boolean isPlainHttp() {
        return "http".equalsIgnoreCase(baseUrl.getScheme()) && !"localhost".equals(baseUrl.getHost());
    }

    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getReadApiKey() { return readApiKey; }
    public void setReadApiKey(String readApiKey) { this.readApiKey = readApiKey; }
    public URI getBaseUrl() { return baseUrl; }
    public void setBaseUrl(URI baseUrl) { this.baseUrl = baseUrl; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public String getTrustStore() { return trustStore; }
    public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
    public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
    public boolean isInsecureTls() { return insecureTls; }
    public void setInsecureTls(boolean insecureTls) { this.insecureTls = insecureTls; }
}
