import Link from "next/link";

export default function UploadNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Upload not found</h1>
      <p>It may have been removed, or the address is mistyped.</p>
      <Link href="/admin/uploads" className="text-blue-800 underline">
        Back to all uploads
      </Link>
    </div>
  );
}
