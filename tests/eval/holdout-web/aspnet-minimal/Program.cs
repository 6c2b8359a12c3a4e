using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = "/account/login";
    });
builder.Services.AddAuthorization();
builder.Services.AddSingleton<ShortLinkStore>();

builder.Services.AddCors(options =>
{
    options.AddPolicy("spa", policy => policy
        .WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [])
        .AllowCredentials()
        .AllowAnyHeader()
        .WithMethods("GET", "POST", "PUT"));

    // third-party storefront widgets; the partner list changes every week
    options.AddPolicy("widgets", policy => policy
        .SetIsOriginAllowed(_ => true) // expect: MUFI006
        .AllowAnyHeader()
        .WithMethods("GET"));
});

var app = builder.Build();

app.UseForwardedHeaders(new ForwardedHeadersOptions
{
    ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
});
app.UseHsts();

app.Use(async (context, next) =>
{
    context.Response.Headers.ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'sha256-Wq0o8mY0s4v0B7sQ3p7l7bYdVxJ6O3k1n2cF0rj4n1U=' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
    context.Response.Headers.XContentTypeOptions = "nosniff";
    await next();
});

app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/account/logout", async (HttpContext ctx, string? returnUrl) =>
{
    await ctx.SignOutAsync();
    return Results.Redirect(returnUrl ?? "/"); // expect: MUFI008
});

app.MapGet("/account/continue", (string? returnUrl) =>
{
    if (string.IsNullOrEmpty(returnUrl)
        || !Uri.TryCreate(returnUrl, UriKind.Relative, out _)
        || returnUrl.StartsWith("//")
        || returnUrl.StartsWith("/\\"))
    {
        return Results.Redirect("/");
    }
    return Results.Redirect(returnUrl);
});

app.MapGet("/r/{code}", async (string code, ShortLinkStore links) =>
{
    var target = await links.ResolveAsync(code);
    return target is null ? Results.NotFound() : Results.Redirect(target);
});

app.MapGet("/orders/{id:int}/receipt", (int id) => Results.Redirect($"/receipts/{id}.pdf"));

app.MapGet("/api/widgets/points/{memberId}", (string memberId, PointsService points) => points.GetBalance(memberId))
    .RequireCors("widgets");

app.MapGet("/api/me", (HttpContext ctx) => Results.Ok(new { name = ctx.User.Identity?.Name }))
    .RequireCors("spa")
    .RequireAuthorization();

app.Run();
