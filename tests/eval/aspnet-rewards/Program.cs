using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = WebApplication.CreateBuilder(args);

var allowedOrigins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>();

builder.Services.AddCors(options =>
{
    options.AddPolicy("Storefront", policy => policy
        .WithOrigins(allowedOrigins)
        .AllowCredentials()
        .WithHeaders("Authorization", "Content-Type")
        .WithMethods("GET", "POST"));

    // Loyalty badge script, embedded on partner sites; anonymous and read-only.
    options.AddPolicy("PublicBadge", policy => policy
        .AllowAnyOrigin() // expect: MUFI006
        .AllowAnyHeader()
        .WithMethods("GET"));
});

builder.Services.AddHttpClient("mufi", client =>
{
    client.BaseAddress = new Uri(builder.Configuration["Mufi:BaseUrl"] ?? "https://api.mufi.app");
    client.DefaultRequestHeaders.Authorization =
        new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("MUFI_API_KEY"));
    client.Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Mufi:TimeoutSeconds", 10));
});

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/account/login";
        o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        o.Cookie.SameSite = SameSiteMode.Lax;
    });
builder.Services.AddControllersWithViews();
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen();

var app = builder.Build();

app.Use(async (context, next) =>
{
    // Swagger UI ships inline bootstrap scripts; everything else gets the strict policy.
    context.Response.Headers["Content-Security-Policy"] = context.Request.Path.StartsWithSegments("/swagger")
        ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" // expect: MUFI007
        : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https://cdn.brightcart.co; frame-ancestors 'none'";
    context.Response.Headers["X-Content-Type-Options"] = "nosniff";
    await next();
});

if (app.Environment.IsDevelopment())
{
    app.UseSwagger();
    app.UseSwaggerUI();
}
else
{
    app.UseHsts();
}

app.UseHttpsRedirection();
app.UseStaticFiles();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/badge/{memberId}.js", (string memberId, BadgeRenderer badges) => Results.Text(badges.Script(memberId), "application/javascript"))
    .RequireCors("PublicBadge");
app.MapControllers().RequireCors("Storefront");

app.Run();
