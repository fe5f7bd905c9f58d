/**
 * Rules written the way the rule language is documented, one of each form: an implication, a
 * comparison of nested fields, a threshold, a sum over array elements, a length range, and dates
 * relative to today().
 */
export const EXAMPLE_RULES = [
  "in_stock == false -> stock_count == 0",
  "claim_dates.service_date <= claim_dates.submitted_at",
  "amount > 10000 -> requires_approval == true",
  "total == sum(items[*].price)",
  "len(tags) >= 2 and len(tags) <= 4",
  "timestamp >= today() - days(30)",
  "patient.dob <= today() - days(3650)",
];
