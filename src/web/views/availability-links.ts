/** The activity page's address for a choice of dates: its list of times (`#slots`) from `date`, the calendar at `month`. */
export function availabilityHref(slug: string, params: { date: string; groupSize: string; month?: string }): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ''));
  return `/activities/${slug}?${query.toString()}#slots`;
}
