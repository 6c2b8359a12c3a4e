namespace Acme.Wallets.Api.Services;

/// <summary>
/// Settings bound from the "Mufi" configuration section.
/// The key itself comes from the environment variable <c>MUFI_API_KEY</c> or from user secrets
/// (<c>dotnet user-secrets set Mufi:ApiKey ...</c>); appsettings.json only holds the base URL.
/// </summary>
/// <remarks>
/// Production: https://api.mufi.app. Staging: https://dev.api.mufi.app.
/// The old http://api.mufi.app endpoint strips the Authorization header on redirect.
/// </remarks>
public sealed class MufiOptions
{
    public const string SectionName = "Mufi";
    public const string DefaultBaseUrl = "https://api.mufi.app/";
    public const string StagingBaseUrl = "https://dev.api.mufi.app/";
    public const string PlaceholderKey = "YOUR_API_KEY";

    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Optional Read key for profile lookups (least privilege).</summary>
    public string? ReadApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SHA-256 thumbprints accepted in addition to normal chain validation.</summary>
    public string[] PinnedThumbprints { get; set; } = [];

    /// <summary>Only read by the Development environment (Fiddler / mitmproxy sessions).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    public bool LooksLikePlaceholder() =>
        string.IsNullOrWhiteSpace(ApiKey)
        || ApiKey == PlaceholderKey
        || ApiKey.StartsWith("xxxx", StringComparison.OrdinalIgnoreCase)
        || ApiKey.StartsWith("${", StringComparison.Ordinal);
}
