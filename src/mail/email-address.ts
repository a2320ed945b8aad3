/**
 * A deliberately strict e-mail address check for addresses that go into headers Parley writes
 * (Reply-To of an offline message): one `local@domain.tld`, no spaces, quotes, brackets, commas or
 * line breaks — anything that could turn one address into several or into a header injection is
 * refused, and the mail is sent without Reply-To instead.
 */

const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Whether `value` is a single plain e-mail address safe to use as a header value. */
export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value) && !value.startsWith(".") && !value.includes("..");
}
