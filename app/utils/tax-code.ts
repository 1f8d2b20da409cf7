/** A Vietnamese tax code: ten digits, and a branch's three more after a hyphen (0101234567-001). */
export function isTaxCode(value: string) {
  return /^\d{10}(-\d{3})?$/.test(value);
}
