/**
 * Domains anyone can get an address at: an account's domain here says nothing about which company it is (a
 * billing contact's gmail.com), so the verified-domain rule never links on them. Consumer mail providers and
 * their country variants, plus disposable-mail services; extend per deployment with
 * `identity.blocklist.domains`. Sources: the providers' own sign-up domains and the free-email-domains list
 * HubSpot publishes for its forms (https://knowledge.hubspot.com/forms/what-domains-are-blocked-when-using-the-forms-email-domains-to-block-feature).
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Yahoo, Apple
  'gmail.com', 'googlemail.com',
  'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.de', 'hotmail.fr', 'hotmail.it', 'hotmail.es', 'live.com', 'live.co.uk', 'live.de', 'live.fr', 'msn.com', 'outlook.de', 'outlook.fr',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr', 'yahoo.es', 'yahoo.it', 'yahoo.co.jp', 'yahoo.com.br', 'ymail.com', 'rocketmail.com',
  'icloud.com', 'me.com', 'mac.com',
  // Privacy-minded and other international providers
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tuta.io', 'posteo.de', 'mailbox.org', 'fastmail.com', 'hey.com', 'zoho.com', 'zohomail.com',
  'aol.com', 'aim.com', 'mail.com', 'email.com', 'usa.com', 'inbox.com', 'hushmail.com',
  'gmx.de', 'gmx.net', 'gmx.com', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de', 'arcor.de',
  'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr',
  'libero.it', 'virgilio.it', 'alice.it', 'tiscali.it',
  'btinternet.com', 'sky.com', 'virginmedia.com', 'ntlworld.com',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net',
  'yandex.ru', 'yandex.com', 'mail.ru', 'rambler.ru', 'qq.com', '163.com', '126.com', 'naver.com', 'daum.net', 'rediffmail.com',
  // Disposable mail
  'mailinator.com', 'guerrillamail.com', '10minutemail.com', 'temp-mail.org', 'yopmail.com', 'trashmail.com', 'sharklasers.com',
]);
