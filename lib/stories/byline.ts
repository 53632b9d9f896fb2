// The byline a new story starts with, and the credit a new photo starts with.
export function defaultByline(user: { bylineTitle: string; name: string }): string {
  return `${user.bylineTitle} ${user.name}`;
}

export function defaultCredit(user: { bylineTitle: string; name: string }): string {
  return `${user.bylineTitle.replace("摄影记者", "记者")} ${user.name} 摄`;
}
