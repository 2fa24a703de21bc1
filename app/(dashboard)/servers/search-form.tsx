import { Search } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";

/** A plain GET form: the search lives in the URL (?q=) and works without JavaScript. */
export function SearchForm({ q }: { q: string }) {
  return (
    <form role="search" action="/servers" method="get" className="mb-4 flex items-center gap-2">
      <label htmlFor="q" className="sr-only">
        Search servers by name or host name
      </label>
      <div className="relative w-full max-w-sm">
        <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden="true" />
        <input id="q" name="q" type="search" defaultValue={q} placeholder="Search by name or host name"
          className={inputClass(false, "pl-8")} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>Search</button>
      {q ? <Link href="/servers" className={buttonClass("ghost")}>Clear</Link> : null}
    </form>
  );
}
