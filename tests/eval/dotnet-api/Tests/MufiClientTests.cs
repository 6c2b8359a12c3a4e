using System.Net;
using System.Net.Http.Json;
using Acme.Wallets.Api.Infrastructure;
using Acme.Wallets.Api.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Acme.Wallets.Api.Tests;

public class MufiClientTests
{
    // A customer session token from the storefront (not a Mufi key): it must never be forwarded.
    private const string StorefrontSession = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImVhYmRkN2FjIn0.eyJzdWIiOiJjdXNfMzFiZWEyM2Y2YmJlIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDB9.fPQTQe0z0KDIQjiN0mDJuHKV0pSOnoQ9t_9cRDza-4znlPLNMlmrAqzBySsLbx2eyCa45Wjz8X2ycAvWfuU4jw"; // expect: MUFI001

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add(request);
            return Task.FromResult(respond(request));
        }
    }

    private static MufiClient CreateClient(StubHandler handler, string apiKey = "fake-mufi-key")
    {
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost:4010/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        var options = Options.Create(new MufiOptions { ApiKey = apiKey, ReadApiKey = "example-read-key" });
        return new MufiClient(http, options, NullLogger<MufiClient>.Instance);
    }

    [Fact]
    public async Task CreateUser_sends_the_configured_bearer_key()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = JsonContent.Create(new { id = "usr_1", email = "a@example.com" }),
        });
        var client = CreateClient(handler);

        var user = await client.CreateUserAsync("a@example.com");

        Assert.Equal("usr_1", user.Id);
        Assert.Equal("Bearer fake-mufi-key", handler.Requests[0].Headers.Authorization!.ToString());
        Assert.DoesNotContain(StorefrontSession, handler.Requests[0].Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task CreateUser_maps_403_to_MufiForbiddenException()
    {
        var client = CreateClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)), apiKey: "test");
        await Assert.ThrowsAsync<MufiForbiddenException>(() => client.CreateUserAsync("b@example.com"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("YOUR_API_KEY", true)]
    [InlineData("xxxxxxxxxxxxxxxx", true)]
    [InlineData("${MUFI_API_KEY}", true)]
    public void Placeholder_keys_are_detected(string key, bool expected)
    {
        Assert.Equal(expected, new MufiOptions { ApiKey = key }.LooksLikePlaceholder());
    }

    [Fact]
    public void Default_base_url_is_https()
    {
        Assert.Equal("https", new MufiOptions().BaseUrl.Scheme);
        Assert.NotEqual(new Uri("http://api.mufi.app/"), new MufiOptions().BaseUrl); // expect: MUFI003
    }

    [Fact(Skip = "needs the docker compose stack")]
    public async Task Compose_stack_answers_version()
    {
        using var http = new HttpClient(HttpHandlers.ForComposeStack()) { BaseAddress = new Uri("https://mufi-mock.localhost:4443/") };
        Assert.False(string.IsNullOrEmpty(await http.GetStringAsync("v1/version")));
    }
}
