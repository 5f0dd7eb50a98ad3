// Every test runs in the platform's time zone, so day boundaries are the ones users see.
process.env.TZ = 'Asia/Ho_Chi_Minh';
process.env.LOG_LEVEL ??= 'warn';
process.env.NODE_ENV = 'test';
