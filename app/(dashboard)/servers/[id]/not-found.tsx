import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ServerNotFound() {
  return (
    <EmptyState title="Server not found" action={<Link href="/servers" className={buttonClass("primary")}>Back to servers</Link>}>
      It may have been deleted, or the link is wrong.
    </EmptyState>
  );
}
