package com.acme.wallets.config;

import java.io.FileInputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.ssl.SSLContexts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * HTTP clients used by the wallet service. Production trusts the JVM default
 * trust store plus, optionally, the corporate CA from {@code mufi.trust-store}.
 */
@Configuration
@EnableConfigurationProperties(MufiProperties.class)
public class HttpClientConfig {

    @Bean
    public RestTemplate mufiRestTemplate(RestTemplateBuilder builder, MufiProperties props) throws Exception {
        SSLContext sslContext = props.getTrustStore() == null
                ? SSLContexts.createSystemDefault()
                : SSLContexts.custom().loadTrustMaterial(loadTrustStore(props), null).build();

        var socketFactory = SSLConnectionSocketFactoryBuilder.create()
                .setSslContext(sslContext)
                .setHostnameVerifier(new DefaultHostnameVerifier())
                .build();
        CloseableHttpClient httpClient = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setSSLSocketFactory(socketFactory)
                        .build())
                .build();

        return builder
                .rootUri(props.getBaseUrl().toString())
                .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(httpClient))
                .defaultHeader("Authorization", "Bearer " + props.getApiKey())
                .defaultHeader("User-Agent", "acme-wallets/3.2")
                .setConnectTimeout(props.getConnectTimeout())
                .setReadTimeout(props.getReadTimeout())
                .build();
    }

    /** Profile "mitm": local debugging through mitmproxy on a developer laptop. */
    @Bean
    @Profile("mitm")
    public RestTemplate mitmRestTemplate(RestTemplateBuilder builder, MufiProperties props) throws Exception {
        var socketFactory = SSLConnectionSocketFactoryBuilder.create()
                .setSslContext(LegacySsl.trustAllContext())
                .setHostnameVerifier(org.apache.hc.client5.http.ssl.NoopHostnameVerifier.INSTANCE) // expect: MUFI004
                .build();
        CloseableHttpClient httpClient = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setSSLSocketFactory(socketFactory)
                        .build())
                .build();
        return builder
                .rootUri(props.getBaseUrl().toString())
                .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(httpClient))
                .build();
    }

    /** OkHttp client for the loyalty partner, whose certificate names an old host. */
    @Bean
    public OkHttpClient loyaltyHttpClient() throws Exception {
        HostnameVerifier partnerHosts = (hostname, session) -> true; // expect: MUFI004
        return new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(Duration.ofSeconds(20))
                .hostnameVerifier(partnerHosts)
                .build();
    }

    /** OkHttp client for Mufi webhooks replay; keeps the default hostname checks. */
    @Bean
    public OkHttpClient replayHttpClient() {
        HostnameVerifier onlyMufi = (hostname, session) ->
                hostname.endsWith(".mufi.app")
                        && HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
        return new OkHttpClient.Builder()
                .hostnameVerifier(onlyMufi)
                .retryOnConnectionFailure(true)
                .build();
    }

    private static KeyStore loadTrustStore(MufiProperties props) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(props.getTrustStore())) {
            ks.load(in, props.getTrustStorePassword().toCharArray());
        }
        return ks;
    }
}
