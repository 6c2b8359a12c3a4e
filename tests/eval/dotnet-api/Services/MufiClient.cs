using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Acme.Wallets.Api.Services;

public sealed record MufiWallet(string Address);
public sealed record MufiUser(string Id, string Email, MufiWallet? Wallet);

public sealed class MufiForbiddenException(string message) : Exception(message);

/// <summary>
/// Typed client for the Mufi REST API. Registered with <c>AddHttpClient&lt;MufiClient&gt;</c>.
/// See <see href="https://docs.mufi.app/api"/> and, for the retry policy,
/// <see href="http://www.thepollyproject.org/"/>.
/// </summary>
public sealed class MufiClient(HttpClient http, IOptions<MufiOptions> options, ILogger<MufiClient> logger)
{
    private readonly MufiOptions _options = options.Value;

    public async Task<MufiUser> CreateUserAsync(string email, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("v1/users/create", new { email }, ct);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new MufiForbiddenException("Mufi refused user creation: the key needs Write permission.");
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MufiUser>(ct))!;
    }

    public async Task<MufiUser?> GetProfileAsync(string userId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/users/profile")
        {
            Content = JsonContent.Create(new { userId }),
        };
        if (!string.IsNullOrEmpty(_options.ReadApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ReadApiKey);
        }
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<MufiUser>(ct);
    }

    public Task<string> GetVersionAsync(CancellationToken ct = default) => http.GetStringAsync("v1/version", ct);

    /// <summary>Pings the staging API with the QA key; used by the /health/staging endpoint.</summary>
    public async Task<HttpStatusCode> PingStagingAsync(CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://dev.api.mufi.app/v1/version");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2NzM3FhIiwicGVybWlzc2lvbiI6IlJlYWQiLCJpYXQiOjE3MjE3MTA5NDN9.0TIlr8g1QLePAQYyw_ErsCEVhy1LwV9q9hAwSVvCxx8"); // expect: MUFI001
        using var response = await http.SendAsync(request, ct);
        logger.LogInformation("staging ping: {Status}", response.StatusCode);
        return response.StatusCode;
    }

    /// <summary>The v0 status endpoint that the ops dashboard still polls.</summary>
    public async Task<HttpStatusCode> LegacyStatusAsync(CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://api.mufi.app/v0/status"); // expect: MUFI003
        request.Headers.Add("x-api-key", "mk_ops_Fj5Rw2Tn8Lc4Xq7v"); // expect: MUFI001
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }
}
