export const BENCH_SECRET = 'bench-signing-secret-0123456789';
/** Twenty consultants, one per concurrent client. */
export const BENCH_USERS = Array.from({ length: 20 }, (_, i) => `UBENCH${String(i).padStart(3, '0')}`);
