/** The largest group anyone can book; larger numbers are typing errors, not groups. */
export const MAX_GROUP_SIZE = 10_000;
