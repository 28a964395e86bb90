// Limits of an invitee list, shared by the parser (server) and the form's schema (client-safe).
export const MAX_INVITEES = 500;
export const MAX_CSV_CHARS = 500_000;
