/** The n-th booking request of a run, as the API takes it: groups of 1..10 in turn. */
export function bookingBody(slotId: string, n: number) {
  return {
    slotId,
    groupSize: (n % 10) + 1,
    name: `Organiser ${n}`,
    email: `organiser${n}@example.nl`,
    phone: '+31 6 12345678',
    organisation: 'Basisschool De Linde',
    notes: '',
    acceptTerms: true as const,
  };
}
