#!/usr/bin/env node
// Nightly job: checks the Mufi API version and the profile of every shop customer.
// Usage: MUFI_API_KEY=... node scripts/sync.js usr_1042 usr_1043
"use strict";

const https = require("https");

// Added to get past the corporate proxy's certificate: disables verification for every request.
const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

function mufiRequest(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: "api.mufi.app",
        path,
        method,
        agent,
        headers: {
          Authorization: `Bearer ${process.env.MUFI_API_KEY}`,
          "Content-Type": "application/json",
        },
      },
      (res) => {
        let data = "";
        res.on("data", (chunk) => (data += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body: data ? JSON.parse(data) : null }));
      }
    );
    req.on("error", reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

async function main(userIds) {
  const version = await mufiRequest("GET", "/v1/version");
  console.log("Mufi API", version.body);
  for (const userId of userIds) {
    const profile = await mufiRequest("POST", "/v1/users/profile", { userId });
    console.log(userId, profile.status);
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
