// A one-line confirmation carried over a redirect (?done=...).
export function Flash({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="status" className="mb-4 rounded border border-green-600 bg-green-50 p-3 text-sm text-green-900">
      {message.slice(0, 100)}
    </div>
  );
}
