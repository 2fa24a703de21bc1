import Image from "next/image";

/** The product mark from public/logo.svg; decorative, since the name is always written beside it. */
export function Logo({ className }: { className?: string }) {
  return <Image src="/logo.svg" alt="" width={24} height={24} unoptimized className={className} />;
}
