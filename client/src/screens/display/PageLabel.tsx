/** "1/3" beside a list that pages through by itself (nothing when it fits on one page). */
export function PageLabel({ label }: { label: string | null }) {
  return label ? <small className="page-label">{label}</small> : null;
}
