// What GET /api/uploads/status answers about a visitor's own ticket: the route builds it, the
// uploader's polling reads it. It carries no upload token, no object token and nothing about
// other visitors.
export type StatusUpload = {
  id: string;
  photoId: string | null;
  state: string;
  title: string | null;
  /** After confirmation: PROCESSING, READY, FAILED or TIMED_OUT (null before). */
  processing: string | null;
  processingPercent: number | null;
  createdAt: string;
};

export type UploadStatus = {
  status: "ACTIVE" | "USED" | "FAILED" | "EXPIRED";
  errorMessage: string | null;
  maxUploads: number;
  validUntil: string;
  uploads: StatusUpload[];
};
