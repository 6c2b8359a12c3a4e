using System.Net.Http.Headers;
using Acme.Wallets.Api.Infrastructure;
using Acme.Wallets.Api.Services;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// Mufi settings: base URL from appsettings.json, key from MUFI_API_KEY / user secrets.
builder.Services.AddOptions<MufiOptions>()
    .Bind(builder.Configuration.GetSection(MufiOptions.SectionName))
    .PostConfigure(o =>
    {
        o.ApiKey = Environment.GetEnvironmentVariable("MUFI_API_KEY") ?? o.ApiKey;
        if (string.IsNullOrEmpty(o.ApiKey) && builder.Environment.IsDevelopment())
        {
            // the Next.js storefront in this repo keeps its key in the same .env
            o.ApiKey = Environment.GetEnvironmentVariable("NEXT_PUBLIC_MUFI_API_KEY") ?? string.Empty; // expect: MUFI002
        }
    })
    .Validate(o => !o.LooksLikePlaceholder(), "Mufi:ApiKey is missing or still the placeholder (https://my.mufi.app)")
    .ValidateOnStart();

if (builder.Environment.IsEnvironment("Demo"))
{
    builder.Services.Configure<MufiOptions>(o =>
    {
        o.BaseUrl = new Uri(MufiOptions.StagingBaseUrl);
        o.ApiKey = "mk_demo_Kd4Wq9Zs2Vn7Pb1x"; // expect: MUFI001
    });
}

builder.Services.AddHttpClient<MufiClient>((sp, client) =>
    {
        var options = sp.GetRequiredService<IOptions<MufiOptions>>().Value;
        client.BaseAddress = options.BaseUrl;
        client.Timeout = options.Timeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("acme-wallets-api/4.1");
    })
    .ConfigurePrimaryHttpMessageHandler(sp =>
    {
        var options = sp.GetRequiredService<IOptions<MufiOptions>>().Value;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Mufi.Tls");
        return options.AllowUntrustedCertificates && builder.Environment.IsDevelopment()
            ? HttpHandlers.ForFiddler()
            : HttpHandlers.ForMufi(options, logger);
    });

builder.Services.AddHttpClient("loyalty", c => c.BaseAddress = new Uri("http://api.loyalty-partnerhub.com/v3/")) // expect: MUFI003
    .ConfigurePrimaryHttpMessageHandler(sp => HttpHandlers.ForLoyaltyPartner(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Loyalty")));

builder.Services.AddHttpClient("warehouse", c => c.BaseAddress = new Uri("https://warehouse.finance.acme-retail.com/"))
    .ConfigurePrimaryHttpMessageHandler(HttpHandlers.ForWarehouse);

builder.Services.AddHttpClient<LegacyPosBridge>();

// Mufi sandbox used in the onboarding workshop; the key below was revoked (?):
// expect: MUFI001
// Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2NzM3dzIiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzAzMDA5ODE4fQ.-XuXmioAdwY83gTKNFCijq6d3JNDa_PlOPV673OcaXU

builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://0.0.0.0:8080");

var app = builder.Build();

app.MapPost("/api/wallets", async (OpenWalletRequest body, MufiClient mufi, CancellationToken ct) =>
{
    if (string.IsNullOrWhiteSpace(body.Email) || !body.Email.Contains('@'))
    {
        return Results.BadRequest(new { error = "a valid email is required" });
    }
    try
    {
        var user = await mufi.CreateUserAsync(body.Email.Trim().ToLowerInvariant(), ct);
        return Results.Created($"/api/wallets/{user.Id}", new { user.Id, address = user.Wallet?.Address });
    }
    catch (MufiForbiddenException ex)
    {
        return Results.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway);
    }
});

app.MapGet("/api/wallets/{id}", async (string id, MufiClient mufi, CancellationToken ct) =>
    await mufi.GetProfileAsync(id, ct) is { } user ? Results.Ok(user) : Results.NotFound());

app.MapGet("/health/mufi", async (MufiClient mufi, CancellationToken ct) =>
    Results.Ok(new { version = await mufi.GetVersionAsync(ct), docs = "https://docs.mufi.app/api" }));

app.MapGet("/health/staging", async (MufiClient mufi, CancellationToken ct) =>
    Results.Ok(new { status = await mufi.PingStagingAsync(ct) }));

app.MapGet("/dev/links", () => Results.Ok(new
{
    swagger = "http://localhost:8080/swagger",
    mock = "http://host.docker.internal:4010",
    seq = "http://seq.internal:5341",
    docs = "http://example.org/docs/wallets",
    statusPage = "http://status.acme-retail.com/", // expect: MUFI003
}));

app.Run();

public sealed record OpenWalletRequest(string Email);
