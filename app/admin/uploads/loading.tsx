export default function Loading() {
  return (
    <p role="status" className="text-slate-700">
      Loading uploads…
    </p>
  );
}
