"""Content-Security-Policy for every response that does not set its own."""


class ContentSecurityPolicyMiddleware:
    POLICY = "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; img-src 'self' data: https://cdn.brightcart.co; frame-src https://js.stripe.com; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    # The Django admin and its third-party widgets rely on inline scripts.
    ADMIN_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"  # expect: MUFI007

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response:
            return response
        if request.path.startswith("/admin/"):
            response["Content-Security-Policy"] = self.ADMIN_POLICY
        else:
            response["Content-Security-Policy"] = self.POLICY
        return response
