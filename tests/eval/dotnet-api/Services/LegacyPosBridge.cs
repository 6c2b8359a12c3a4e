using System.Net;
using System.Net.Security;
using System.Text;
using System.Xml.Linq;

namespace Acme.Wallets.Api.Services;

/// <summary>
/// SOAP bridge to the in-store POS (ported from the .NET Framework 4.6 service).
/// WSDL: http://pos-bridge.backoffice.acme-retail.com/PosService.svc?wsdl (internal)
/// </summary>
public sealed class LegacyPosBridge
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Pos = "urn:acme-retail:pos:2016-07";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string ArraysNs = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public LegacyPosBridge(HttpClient http, IConfiguration config)
    {
        _http = http;
        _endpoint = new Uri(config["Pos:Endpoint"] ?? "http://pos-bridge.backoffice.acme-retail.com/PosService.svc"); // expect: MUFI003
    }

    /// <summary>
    /// Called once at startup by the old hosting model. The POS bridge still uses a
    /// self-signed certificate, so the .NET Framework code trusted everything.
    /// </summary>
    public static void InstallLegacyTrust()
    {
        ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;
        ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true; // expect: MUFI004
    }

    /// <summary>Replacement for <see cref="InstallLegacyTrust"/> once the bridge has a real certificate.</summary>
    public static void InstallStrictTrust()
    {
        ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => errors == SslPolicyErrors.None;
    }

    public async Task<string> PushReceiptAsync(string receiptId, string walletAddress, CancellationToken ct)
    {
        var envelope = new XDocument(
            new XElement(Soap + "Envelope",
                new XAttribute(XNamespace.Xmlns + "soap", Soap),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute(XNamespace.Xmlns + "arr", ArraysNs),
                new XElement(Soap + "Body",
                    new XElement(Pos + "PushReceipt",
                        new XElement(Pos + "ReceiptId", receiptId),
                        new XElement(Pos + "WalletAddress", walletAddress)))));

        using var content = new StringContent(envelope.ToString(), Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", "\"urn:acme-retail:pos:2016-07/IPosService/PushReceipt\"");
        using var response = await _http.PostAsync(_endpoint, content, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }
}
