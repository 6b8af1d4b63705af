// Tests never touch the developer's .data/ folder: keys are fixed test keys.
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
process.env.NEXT_TELEMETRY_DISABLED = "1";
