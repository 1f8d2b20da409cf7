/** The form field each account problem belongs to, for the sign-up and create-account forms. */
export const ACCOUNT_PROBLEM_FIELD = { phone_taken: "phone", email_taken: "email", unknown_ward: "unitId" } as const;
