"use client";

import { Button } from "@/components/ui/button";

// Unexpected failures land here; details go to the server log, the user gets a way forward.
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-700">
        The page could not be shown. Try again; if it keeps failing, the server log has the details
        {error.digest ? <> (reference <code className="font-mono">{error.digest}</code>)</> : null}.
      </p>
      <Button className="mt-4" onClick={reset}>Try again</Button>
    </div>
  );
}
