using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Acme.Wallets.Api.Services;

namespace Acme.Wallets.Api.Infrastructure;

/// <summary>
/// Primary message handlers for the named and typed HTTP clients.
/// Guidance we follow: https://learn.microsoft.com/dotnet/core/extensions/httpclient-factory
/// </summary>
public static class HttpHandlers
{
    /// <summary>Production handler for Mufi: default chain validation plus optional pins.</summary>
    public static HttpMessageHandler ForMufi(MufiOptions options, ILogger logger)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.Online,
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    if (errors != SslPolicyErrors.None)
                    {
                        logger.LogWarning("Mufi TLS validation failed: {Errors}", errors);
                        return false;
                    }
                    return options.PinnedThumbprints.Length == 0 || IsPinned(cert, options.PinnedThumbprints);
                },
            },
        };
        return handler;
    }

    /// <summary>Handler used in Development when AllowUntrustedCertificates is set (Fiddler).</summary>
    public static HttpMessageHandler ForFiddler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // expect: MUFI004
        UseProxy = true,
    };

    /// <summary>The loyalty partner's certificate expired in March; they "are working on it".</summary>
    public static HttpMessageHandler ForLoyaltyPartner(ILogger logger)
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => // expect: MUFI004
        {
            if (errors != SslPolicyErrors.None)
            {
                logger.LogWarning("Ignoring TLS errors for {Host}: {Errors}", message.RequestUri?.Host, errors);
            }
            return true;
        };
        return handler;
    }

    /// <summary>Warehouse export: strict validation, no custom callback.</summary>
    public static HttpMessageHandler ForWarehouse() => new HttpClientHandler
    {
        CheckCertificateRevocationList = true,
        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ServerCertificateCustomValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None,
    };

    /// <summary>Integration tests against the docker compose stack (self-signed cert).</summary>
    public static HttpMessageHandler ForComposeStack() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, _, _, _) => true, // expect: MUFI004
    };

    private static bool IsPinned(X509Certificate? cert, string[] thumbprints)
    {
        if (cert is null)
        {
            return false;
        }
        var hash = Convert.ToHexString(SHA256.HashData(cert.GetRawCertData()));
        return thumbprints.Contains(hash, StringComparer.OrdinalIgnoreCase);
    }
}
