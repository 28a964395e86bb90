// The funnel and rows the admin page shows (client-safe: the polling component reads them as JSON).
export type InvitationRow = {
  id: string;
  name: string;
  email: string;
  status: string;
  sentAt: string | null;
  openedAt: string | null;
  remindersSent: number;
  canResend: boolean;
  canRevoke: boolean;
};
export type Funnel = {
  invited: number;
  sent: number;
  delivered: number;
  bounced: number;
  opened: number;
  started: number;
  uploaded: number;
  verified: number;
  unsubscribed: number;
};
export type InvitationsView = { funnel: Funnel; rows: InvitationRow[] };
