<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AuditWords</name>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Opened the sign-in page</source>
        <translation>Anmeldeseite geöffnet</translation>
    </message>
    <message>
        <source>Asked to connect</source>
        <translation>Verbindung angefragt</translation>
    </message>
    <message>
        <source>Access revoked</source>
        <translation>Zugriff entzogen</translation>
    </message>
    <message>
        <source>Signed a message</source>
        <translation>Nachricht signiert</translation>
    </message>
    <message>
        <source>Encrypted a message</source>
        <translation>Nachricht verschlüsselt</translation>
    </message>
    <message>
        <source>Decrypted a message</source>
        <translation>Nachricht entschlüsselt</translation>
    </message>
    <message>
        <source>Got a key to share with a friend</source>
        <translation>Schlüssel zum Teilen mit einem Kontakt abgerufen</translation>
    </message>
    <message>
        <source>Changed your profile</source>
        <translation>Ihr Profil geändert</translation>
    </message>
    <message>
        <source>Created a wallet through the API</source>
        <translation>Wallet über die API erstellt</translation>
    </message>
    <message>
        <source>Created a wallet</source>
        <translation>Wallet erstellt</translation>
    </message>
    <message>
        <source>Switched wallets</source>
        <translation>Wallet gewechselt</translation>
    </message>
    <message>
        <source>Imported a wallet</source>
        <translation>Wallet importiert</translation>
    </message>
    <message>
        <source>Exported the wallet</source>
        <translation>Wallet exportiert</translation>
    </message>
    <message>
        <source>Saved a cloud backup</source>
        <translation>Cloud-Sicherung gespeichert</translation>
    </message>
    <message>
        <source>Read a cloud backup</source>
        <translation>Cloud-Sicherung gelesen</translation>
    </message>
    <message>
        <source>Payment (transaction)</source>
        <translation>Zahlung (Transaktion)</translation>
    </message>
    <message>
        <source>Registered as an app</source>
        <translation>Als App registriert</translation>
    </message>
    <message>
        <source>App sign-in</source>
        <translation>App-Anmeldung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>Approved by you</source>
        <translation>Von Ihnen genehmigt</translation>
    </message>
    <message>
        <source>Rejected by you</source>
        <translation>Von Ihnen abgelehnt</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>Keine Antwort rechtzeitig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>no permissions</source>
        <translation>keine Berechtigungen</translation>
    </message>
    <message>
        <source>permissions: %1</source>
        <translation>Berechtigungen: %1</translation>
    </message>
    <message>
        <source>Spending allowance changed</source>
        <translation>Ausgabenlimit geändert</translation>
    </message>
    <message>
        <source>AI agent used a tool</source>
        <translation>KI-Agent hat ein Werkzeug benutzt</translation>
    </message>
    <message>
        <source>App access revoked</source>
        <translation>App-Zugriff entzogen</translation>
    </message>
    <message>
        <source>App sign-in replayed: its tokens were revoked</source>
        <translation>App-Anmeldung wiederholt: Ihre Tokens wurden entzogen</translation>
    </message>
</context>
<context>
    <name>PasswordStrength</name>
    <message>
        <source>Too short: at least %1 characters.</source>
        <translation>Zu kurz: mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>Weak: a longer password or a few random words would be safer.</source>
        <translation>Schwach: ein längeres Passwort oder ein paar zufällige Wörter wären sicherer.</translation>
    </message>
    <message>
        <source>Fair.</source>
        <translation>Mittel.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Gut.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Stark.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>in less than a minute</source>
        <translation>in weniger als einer Minute</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <comment>in the past</comment>
        <translation>am %1</translation>
    </message>
</context>
<context>
    <name>ScopeWords</name>
    <message>
        <source>Sign messages</source>
        <translation>Nachrichten signieren</translation>
    </message>
    <message>
        <source>Sign messages as you on this site</source>
        <translation>Auf dieser Website Nachrichten in Ihrem Namen signieren</translation>
    </message>
    <message>
        <source>Encrypt messages</source>
        <translation>Nachrichten verschlüsseln</translation>
    </message>
    <message>
        <source>Encrypt messages so only the intended reader can open them</source>
        <translation>Nachrichten so verschlüsseln, dass nur der vorgesehene Empfänger sie öffnen kann</translation>
    </message>
    <message>
        <source>Decrypt messages</source>
        <translation>Nachrichten entschlüsseln</translation>
    </message>
    <message>
        <source>Open messages that were encrypted for you</source>
        <translation>Nachrichten öffnen, die für Sie verschlüsselt wurden</translation>
    </message>
    <message>
        <source>See your profile</source>
        <translation>Ihr Profil sehen</translation>
    </message>
    <message>
        <source>Read your display name, paymail and picture</source>
        <translation>Ihren Anzeigenamen, Ihre Paymail und Ihr Bild lesen</translation>
    </message>
    <message>
        <source>Change your profile</source>
        <translation>Ihr Profil ändern</translation>
    </message>
    <message>
        <source>Change your display name, paymail and picture</source>
        <translation>Ihren Anzeigenamen, Ihre Paymail und Ihr Bild ändern</translation>
    </message>
    <message>
        <source>Read its saved data</source>
        <translation>Eigene gespeicherte Daten lesen</translation>
    </message>
    <message>
        <source>Read what this site saved in TokenPass</source>
        <translation>Lesen, was diese Website in TokenPass gespeichert hat</translation>
    </message>
    <message>
        <source>Save data</source>
        <translation>Daten speichern</translation>
    </message>
    <message>
        <source>Save data for this site in TokenPass</source>
        <translation>Daten für diese Website in TokenPass speichern</translation>
    </message>
    <message>
        <source>Request payments</source>
        <translation>Zahlungen anfordern</translation>
    </message>
    <message>
        <source>Ask you to approve payments</source>
        <translation>Sie bitten, Zahlungen zu genehmigen</translation>
    </message>
    <message>
        <source>Send payments</source>
        <translation>Zahlungen senden</translation>
    </message>
    <message>
        <source>A permission this version of TokenPass does not know; untick it if you are unsure</source>
        <translation>Eine Berechtigung, die diese TokenPass-Version nicht kennt; entfernen Sie den Haken, wenn Sie unsicher sind</translation>
    </message>
    <message>
        <source>Know who you are</source>
        <translation>Wissen, wer Sie sind</translation>
    </message>
    <message>
        <source>Sign you in with your identity key and address</source>
        <translation>Sie mit Ihrem Identitätsschlüssel und Ihrer Adresse anmelden</translation>
    </message>
    <message>
        <source>See your name and picture</source>
        <translation>Ihren Namen und Ihr Bild sehen</translation>
    </message>
    <message>
        <source>Read the name and picture of the identity you chose</source>
        <translation>Namen und Bild der gewählten Identität lesen</translation>
    </message>
    <message>
        <source>Stay signed in</source>
        <translation>Angemeldet bleiben</translation>
    </message>
    <message>
        <source>Keep access without asking you again until you revoke it</source>
        <translation>Zugriff behalten, ohne erneut zu fragen, bis Sie ihn entziehen</translation>
    </message>
    <message>
        <source>Use your identity</source>
        <translation>Ihre Identität verwenden</translation>
    </message>
    <message>
        <source>Prove your identity to services this app talks to</source>
        <translation>Ihre Identität gegenüber Diensten nachweisen, mit denen diese App spricht</translation>
    </message>
    <message>
        <source>Use TokenPass tools</source>
        <translation>TokenPass-Werkzeuge verwenden</translation>
    </message>
    <message>
        <source>Call TokenPass tools for you, such as signing messages</source>
        <translation>TokenPass-Werkzeuge für Sie aufrufen, etwa zum Signieren von Nachrichten</translation>
    </message>
    <message>
        <source>Use your wallet</source>
        <translation>Ihre Wallet verwenden</translation>
    </message>
    <message>
        <source>Ask you to approve payments from your wallet</source>
        <translation>Sie bitten, Zahlungen aus Ihrer Wallet zu genehmigen</translation>
    </message>
    <message>
        <source>Use your ordinals</source>
        <translation>Ihre Ordinals verwenden</translation>
    </message>
    <message>
        <source>Ask you to approve moving your ordinals</source>
        <translation>Sie bitten, das Übertragen Ihrer Ordinals zu genehmigen</translation>
    </message>
    <message>
        <source>Use your tokens</source>
        <translation>Ihre Tokens verwenden</translation>
    </message>
    <message>
        <source>Ask you to approve moving your tokens</source>
        <translation>Sie bitten, das Übertragen Ihrer Tokens zu genehmigen</translation>
    </message>
    <message>
        <source>Manage connected sites</source>
        <translation>Verbundene Websites verwalten</translation>
    </message>
    <message>
        <source>See and disconnect the sites and apps connected to TokenPass</source>
        <translation>Die mit TokenPass verbundenen Websites und Apps sehen und trennen</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::AboutDialog</name>
    <message>
        <source>About TokenPass</source>
        <translation>Über TokenPass</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TokenPass %1&lt;/h3&gt;&lt;p&gt;Your own identity provider: an encrypted BSV wallet that gives websites per-site tokens and signatures, with your consent.&lt;/p&gt;&lt;p&gt;Data folder: &lt;code&gt;%2&lt;/code&gt;&lt;br&gt;API: &lt;code&gt;http://127.0.0.1:%3/api/&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TokenPass %1&lt;/h3&gt;&lt;p&gt;Ihr eigener Identitätsanbieter: eine verschlüsselte BSV-Wallet, die Websites mit Ihrer Zustimmung eigene Token und Signaturen gibt.&lt;/p&gt;&lt;p&gt;Datenordner: &lt;code&gt;%2&lt;/code&gt;&lt;br&gt;API: &lt;code&gt;http://127.0.0.1:%3/api/&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Closes this window.</source>
        <translation>Schließt dieses Fenster.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::AllowanceEditor</name>
    <message>
        <source>Spending allowance per 24 hours:</source>
        <translation>Ausgabenlimit pro 24 Stunden:</translation>
    </message>
    <message>
        <source> sat</source>
        <translation> sat</translation>
    </message>
    <message>
        <source>None (always ask)</source>
        <translation>Keins (immer fragen)</translation>
    </message>
    <message>
        <source>Transactions of this site whose amounts TokenPass can verify are signed without asking while they fit in this amount per 24 hours; a notice says so. 0 asks every time.</source>
        <translation>Transaktionen dieser Seite, deren Beträge TokenPass prüfen kann, werden ohne Rückfrage signiert, solange sie in diesen Betrag pro 24 Stunden passen; ein Hinweis meldet es. 0 fragt jedes Mal.</translation>
    </message>
    <message>
        <source>Set allowance</source>
        <translation>Limit festlegen</translation>
    </message>
    <message>
        <source>Every transaction is asked.</source>
        <translation>Jede Transaktion wird erfragt.</translation>
    </message>
    <message>
        <source>Spent in the last 24 hours: %1 sat (%2), %3 sat left</source>
        <translation>In den letzten 24 Stunden ausgegeben: %1 sat (%2), %3 sat übrig</translation>
    </message>
    <message>
        <source>Saves the allowance for the selected site.</source>
        <translation>Speichert das Limit für die ausgewählte Website.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::ChangePasswordDialog</name>
    <message>
        <source>Change password — TokenPass</source>
        <translation>Passwort ändern — TokenPass</translation>
    </message>
    <message>
        <source>Only the wallet file is encrypted again, under the new password. Your identity, your sites&apos; keys and your 12 recovery words stay the same.&lt;br&gt;&lt;br&gt;&lt;b&gt;Keep the password the wallet was created with.&lt;/b&gt; The 12 words were turned into your keys together with that password, so restoring this wallet from the words still needs it, not the new one. The wallet file itself (backup.bep) opens with the new password.</source>
        <translation>Nur die Wallet-Datei wird mit dem neuen Passwort neu verschlüsselt. Ihre Identität, die Schlüssel Ihrer Websites und Ihre 12 Wiederherstellungswörter bleiben gleich.&lt;br&gt;&lt;br&gt;&lt;b&gt;Bewahren Sie das Passwort auf, mit dem die Wallet erstellt wurde.&lt;/b&gt; Die 12 Wörter wurden zusammen mit diesem Passwort zu Ihren Schlüsseln, daher braucht eine Wiederherstellung aus den Wörtern weiterhin dieses Passwort, nicht das neue. Die Wallet-Datei selbst (backup.bep) öffnet sich mit dem neuen Passwort.</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>Neues Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>Passwort ä&amp;ndern</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The wallet is locked. Unlock it from the tray icon, then change the password.</source>
        <translation>Die Wallet ist gesperrt. Entsperren Sie sie über das Symbol im Infobereich und ändern Sie dann das Passwort.</translation>
    </message>
    <message>
        <source>The new password is too short: it needs at least %1 characters. Type a longer one.</source>
        <translation>Das neue Passwort ist zu kurz: Es braucht mindestens %1 Zeichen. Geben Sie ein längeres ein.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same. Type the new password again.</source>
        <translation>Die beiden neuen Passwörter stimmen nicht überein. Geben Sie das neue Passwort erneut ein.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one. Choose a different one.</source>
        <translation>Das neue Passwort ist dasselbe wie das aktuelle. Wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>The password has been changed. Use the new one to unlock from now on.</source>
        <translation>Das Passwort wurde geändert. Entsperren Sie ab jetzt mit dem neuen.</translation>
    </message>
    <message>
        <source>The current password is not correct. Type the password you unlock TokenPass with.</source>
        <translation>Das aktuelle Passwort ist falsch. Geben Sie das Passwort ein, mit dem Sie TokenPass entsperren.</translation>
    </message>
    <message>
        <source>The password was not changed: %1. The old password still works; check that the disk has free space, then try again.</source>
        <translation>Das Passwort wurde nicht geändert: %1. Das alte Passwort gilt weiter; prüfen Sie, ob auf dem Datenträger Platz frei ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The password you unlock TokenPass with now.</source>
        <translation>Das Passwort, mit dem Sie TokenPass jetzt entsperren.</translation>
    </message>
    <message>
        <source>At least %1 characters. Only the wallet file is encrypted with it.</source>
        <translation>Mindestens %1 Zeichen. Nur die Wallet-Datei wird damit verschlüsselt.</translation>
    </message>
    <message>
        <source>Type the new password again, the same as above.</source>
        <translation>Geben Sie das neue Passwort noch einmal genauso ein wie oben.</translation>
    </message>
    <message>
        <source>Encrypts the wallet file again under the new password.</source>
        <translation>Verschlüsselt die Wallet-Datei neu mit dem neuen Passwort.</translation>
    </message>
    <message>
        <source>Closes this window.</source>
        <translation>Schließt dieses Fenster.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::ConsentDialog</name>
    <message>
        <source>Denies itself in %1 s if you do nothing.</source>
        <translation>Lehnt in %1 s von selbst ab, wenn Sie nichts tun.</translation>
    </message>
    <message>
        <source>TokenPass — %1 wants to connect</source>
        <translation>TokenPass — %1 möchte sich verbinden</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;wants to use your TokenPass wallet.</source>
        <translation>%1&lt;br&gt;möchte Ihre TokenPass-Wallet nutzen.</translation>
    </message>
    <message>
        <source>Allow it to</source>
        <translation>Erlauben, dass die Website</translation>
    </message>
    <message>
        <source>Confirm who you are (no other access)</source>
        <translation>Bestätigen, wer Sie sind (kein weiterer Zugriff)</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (neu)</translation>
    </message>
    <message>
        <source>API scope: %1</source>
        <translation>API-Berechtigung: %1</translation>
    </message>
    <message>
        <source>%1. Moves money: every payment still needs your approval.</source>
        <translation>%1. Bewegt Geld: Jede Zahlung braucht weiterhin Ihre Genehmigung.</translation>
    </message>
    <message>
        <source>(Not allowed to this site before.)</source>
        <translation>(Dieser Website bisher nicht erlaubt.)</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1 Monat</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>Für immer</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>&amp;Dauer</translation>
    </message>
    <message>
        <source>A&amp;s</source>
        <translation>&amp;Als</translation>
    </message>
    <message>
        <source>Ask me every time</source>
        <translation>Jedes Mal fragen</translation>
    </message>
    <message>
        <source>Allow without asking</source>
        <translation>Ohne Nachfrage erlauben</translation>
    </message>
    <message>
        <source>What happens when the site asks to sign, encrypt or decrypt.</source>
        <translation>Was geschieht, wenn die Website signieren, verschlüsseln oder entschlüsseln möchte.</translation>
    </message>
    <message>
        <source>Si&amp;gning</source>
        <translation>Si&amp;gnieren</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>How long the site may connect</source>
        <translation>Wie lange die Website verbunden sein darf</translation>
    </message>
    <message>
        <source>After this time the site has to ask again.</source>
        <translation>Nach dieser Zeit muss die Website erneut fragen.</translation>
    </message>
    <message>
        <source>Identity to use</source>
        <translation>Zu verwendende Identität</translation>
    </message>
    <message>
        <source>Which of your identities the site sees.</source>
        <translation>Welche Ihrer Identitäten die Website sieht.</translation>
    </message>
    <message>
        <source>Gives the site the access ticked above. It works a moment after the window opens.</source>
        <translation>Gibt der Website den oben angehakten Zugriff. Funktioniert einen Moment nach dem Öffnen des Fensters.</translation>
    </message>
    <message>
        <source>Refuses: the site gets no access. Enter and Escape deny too.</source>
        <translation>Lehnt ab: Die Website bekommt keinen Zugriff. Eingabe und Escape lehnen ebenfalls ab.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::ExportDialog</name>
    <message>
        <source>Recovery words — TokenPass</source>
        <translation>Wiederherstellungswörter — TokenPass</translation>
    </message>
    <message>
        <source>&lt;b&gt;Anyone who sees these 12 words and knows your password can take your identity and sign in to your sites as you.&lt;/b&gt; Make sure nobody is watching and no screen is being shared. Write them on paper; do not photograph or copy them.&lt;br&gt;&lt;br&gt;To restore the wallet from the words you also need the password the wallet was created with.</source>
        <translation>&lt;b&gt;Wer diese 12 Wörter sieht und Ihr Passwort kennt, kann Ihre Identität übernehmen und sich in Ihrem Namen bei Ihren Websites anmelden.&lt;/b&gt; Achten Sie darauf, dass niemand zusieht und kein Bildschirm geteilt wird. Schreiben Sie sie auf Papier; fotografieren oder kopieren Sie sie nicht.&lt;br&gt;&lt;br&gt;Um die Wallet aus den Wörtern wiederherzustellen, brauchen Sie auch das Passwort, mit dem die Wallet erstellt wurde.</translation>
    </message>
    <message>
        <source>Wallet password</source>
        <translation>Wallet-Passwort</translation>
    </message>
    <message>
        <source>Show &amp;words</source>
        <translation>&amp;Wörter zeigen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>That password is not correct. Type the password you unlock TokenPass with.</source>
        <translation>Dieses Passwort ist falsch. Geben Sie das Passwort ein, mit dem Sie TokenPass entsperren.</translation>
    </message>
    <message>
        <source>This wallet has no recovery words to show: it was made by TokenPass Desktop v0.0.7 or v0.0.8, which never stored them. Keep a copy of the wallet file (backup.bep) and its password instead.</source>
        <translation>Diese Wallet hat keine Wiederherstellungswörter: Sie wurde mit TokenPass Desktop v0.0.7 oder v0.0.8 erstellt, das sie nie gespeichert hat. Bewahren Sie stattdessen eine Kopie der Wallet-Datei (backup.bep) und ihr Passwort auf.</translation>
    </message>
    <message>
        <source>The words could not be read: %1. Close this window and try again.</source>
        <translation>Die Wörter konnten nicht gelesen werden: %1. Schließen Sie dieses Fenster und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Type your wallet password, then press Enter to show the 12 recovery words.</source>
        <translation>Geben Sie Ihr Wallet-Passwort ein und drücken Sie Eingabe, um die 12 Wiederherstellungswörter zu zeigen.</translation>
    </message>
    <message>
        <source>Shows the 12 recovery words after checking the password.</source>
        <translation>Zeigt die 12 Wiederherstellungswörter, nachdem das Passwort geprüft ist.</translation>
    </message>
    <message>
        <source>Closes this window and takes the words off the screen.</source>
        <translation>Schließt dieses Fenster und nimmt die Wörter vom Bildschirm.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::IdenticonWidget</name>
    <message>
        <source>Your security image. The same picture appears wherever TokenPass asks you to decide, so a look-alike window cannot fake it.</source>
        <translation>Ihr Sicherheitsbild. Dasselbe Bild erscheint überall, wo TokenPass Sie um eine Entscheidung bittet, damit ein nachgemachtes Fenster es nicht fälschen kann.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::OAuthConsentDialog</name>
    <message>
        <source>Denies itself in %1 s if you do nothing.</source>
        <translation>Lehnt in %1 s von selbst ab, wenn Sie nichts tun.</translation>
    </message>
    <message>
        <source>TokenPass — sign in a device</source>
        <translation>TokenPass — ein Gerät anmelden</translation>
    </message>
    <message>
        <source>TokenPass — sign in to an app</source>
        <translation>TokenPass — bei einer App anmelden</translation>
    </message>
    <message>
        <source>This app&apos;s picture, made from its client id: another app using the same name has a different picture.</source>
        <translation>Das Bild dieser App, aus ihrer Client-ID erzeugt: Eine andere App mit demselben Namen hat ein anderes Bild.</translation>
    </message>
    <message>
        <source>Picture of the app</source>
        <translation>Bild der App</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;i&gt;(unverified name)&lt;/i&gt;&lt;br&gt;on another device wants to sign in with your TokenPass identity.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &lt;i&gt;(ungeprüfter Name)&lt;/i&gt;&lt;br&gt;auf einem anderen Gerät möchte sich mit Ihrer TokenPass-Identität anmelden.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;i&gt;(unverified name)&lt;/i&gt;&lt;br&gt;wants to sign in with your TokenPass identity.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &lt;i&gt;(ungeprüfter Name)&lt;/i&gt;&lt;br&gt;möchte sich mit Ihrer TokenPass-Identität anmelden.</translation>
    </message>
    <message>
        <source>App name, unverified: %1</source>
        <translation>Name der App, ungeprüft: %1</translation>
    </message>
    <message>
        <source>Code to compare: %1</source>
        <translation>Zu vergleichender Code: %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Allow only if the device shows exactly this code.</source>
        <translation>Erlauben Sie nur, wenn das Gerät genau diesen Code zeigt.</translation>
    </message>
    <message>
        <source>Returns to %1</source>
        <translation>Kehrt zurück zu %1</translation>
    </message>
    <message>
        <source>Returns to</source>
        <translation>Kehrt zurück zu</translation>
    </message>
    <message>
        <source>TokenPass only (no resource named)</source>
        <translation>Nur TokenPass (keine Ressource angegeben)</translation>
    </message>
    <message>
        <source>Token for %1</source>
        <translation>Token für %1</translation>
    </message>
    <message>
        <source>Token for</source>
        <translation>Token für</translation>
    </message>
    <message>
        <source>Warning: this is not on this computer. A remote service will receive the token.</source>
        <translation>Warnung: Dies ist nicht auf diesem Computer. Ein entfernter Dienst erhält das Token.</translation>
    </message>
    <message>
        <source>Identity to sign in as</source>
        <translation>Identität für die Anmeldung</translation>
    </message>
    <message>
        <source>A private identity for this app</source>
        <translation>Eine private Identität für diese App</translation>
    </message>
    <message>
        <source>The private identity used with %1</source>
        <translation>Die private Identität, die mit %1 verwendet wurde</translation>
    </message>
    <message>
        <source>A private identity is a key for this app only: apps cannot tell that it is you.</source>
        <translation>Eine private Identität ist ein Schlüssel nur für diese App: Apps können nicht erkennen, dass Sie es sind.</translation>
    </message>
    <message>
        <source>Sign in &amp;as</source>
        <translation>Anmelden &amp;als</translation>
    </message>
    <message>
        <source>&amp;Remember this decision</source>
        <translation>Diese Entscheidung &amp;merken</translation>
    </message>
    <message>
        <source>Remember this decision</source>
        <translation>Diese Entscheidung merken</translation>
    </message>
    <message>
        <source>Next time this app asks for the same or fewer permissions as the same identity, TokenPass lets it in without asking.</source>
        <translation>Wenn diese App das nächste Mal dieselben oder weniger Berechtigungen für dieselbe Identität anfragt, lässt TokenPass sie ohne Nachfrage zu.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Allow the sign-in</source>
        <translation>Anmeldung erlauben</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>Deny the sign-in</source>
        <translation>Anmeldung ablehnen</translation>
    </message>
    <message>
        <source>It will be able to</source>
        <translation>Sie darf dann</translation>
    </message>
    <message>
        <source>Confirm who you are (no other access)</source>
        <translation>Bestätigen, wer Sie sind (kein weiterer Zugriff)</translation>
    </message>
    <message>
        <source>%1 (moves money)</source>
        <translation>%1 (bewegt Geld)</translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation>Berechtigung: %1</translation>
    </message>
    <message>
        <source>Moves money</source>
        <translation>Bewegt Geld</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::PasswordPrompt</name>
    <message>
        <source>Too many wrong passwords. You can try again in %1 s.</source>
        <translation>Zu viele falsche Passwörter. Sie können es in %1 s erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::SettingsWindow</name>
    <message>
        <source>Unlock with the system keychain</source>
        <translation>Mit dem Schlüsselbund des Systems entsperren</translation>
    </message>
    <message>
        <source>TokenPass then unlocks by itself when you log in, without asking for the password. Convenient, but the wallet is then only as safe as your computer account: anyone who can use your session, and programs running as you, may be able to open the keychain and so the wallet. Off is safer.</source>
        <translation>TokenPass entsperrt sich dann beim Anmelden von selbst, ohne nach dem Passwort zu fragen. Bequem, aber die Wallet ist dann nur so sicher wie Ihr Benutzerkonto: Wer Ihre Sitzung benutzen kann und Programme, die unter Ihrem Namen laufen, können womöglich den Schlüsselbund und damit die Wallet öffnen. Aus ist sicherer.</translation>
    </message>
    <message>
        <source>Wallet password, to store it</source>
        <translation>Wallet-Passwort, um es zu speichern</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>No system keychain is available.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar.</translation>
    </message>
    <message>
        <source>Turned off, but the stored password could not be deleted from the keychain: %1. Delete the TokenPass entry with your keychain app.</source>
        <translation>Ausgeschaltet, aber das gespeicherte Passwort konnte nicht aus dem Schlüsselbund gelöscht werden: %1. Löschen Sie den TokenPass-Eintrag mit Ihrer Schlüsselbund-App.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Try again in %1 s.</source>
        <translation>Zu viele falsche Passwörter. Versuchen Sie es in %1 s erneut.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Passwort wird geprüft…</translation>
    </message>
    <message>
        <source>That password is not correct. Type the password you unlock TokenPass with.</source>
        <translation>Dieses Passwort ist falsch. Geben Sie das Passwort ein, mit dem Sie TokenPass entsperren.</translation>
    </message>
    <message>
        <source>The password could not be checked: %1. Try again.</source>
        <translation>Das Passwort konnte nicht geprüft werden: %1. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The keychain did not store the password: %1. Check that your keychain is unlocked, then try again.</source>
        <translation>Der Schlüsselbund hat das Passwort nicht gespeichert: %1. Prüfen Sie, ob Ihr Schlüsselbund entsperrt ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Settings — TokenPass</source>
        <translation>Einstellungen — TokenPass</translation>
    </message>
    <message>
        <source>Changes are saved as soon as you make them.</source>
        <translation>Änderungen werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The change could not be saved: %1. Check that the disk has free space, then try again.</source>
        <translation>Die Änderung konnte nicht gespeichert werden: %1. Prüfen Sie, ob auf dem Datenträger Platz frei ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Start TokenPass when I log in</source>
        <translation>TokenPass beim Anmelden starten</translation>
    </message>
    <message>
        <source>Not available in this build.</source>
        <translation>In dieser Version nicht verfügbar.</translation>
    </message>
    <message>
        <source>Show a notification after each signature</source>
        <translation>Nach jeder Signatur eine Benachrichtigung zeigen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>Systemvorgabe (%1)</translation>
    </message>
    <message>
        <source>A new language shows the next time TokenPass starts.</source>
        <translation>Eine neue Sprache erscheint beim nächsten Start von TokenPass.</translation>
    </message>
    <message>
        <source>Start at login could not be changed: %1. Check that your autostart folder can be written, then try again.</source>
        <translation>Der Start beim Anmelden konnte nicht geändert werden: %1. Prüfen Sie, ob Ihr Autostart-Ordner beschreibbar ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Locking</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lock &amp;after</source>
        <translation>Sperren &amp;nach</translation>
    </message>
    <message>
        <source>Lock after this many minutes without use</source>
        <translation>Nach so vielen Minuten ohne Nutzung sperren</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>without use of the API or of TokenPass&apos;s windows</source>
        <translation>ohne Nutzung der API oder der TokenPass-Fenster</translation>
    </message>
    <message>
        <source>Lock when the screen locks or the computer sleeps</source>
        <translation>Sperren, wenn der Bildschirm sperrt oder der Computer in den Ruhezustand geht</translation>
    </message>
    <message>
        <source>Password and recovery words</source>
        <translation>Passwort und Wiederherstellungswörter</translation>
    </message>
    <message>
        <source>Show recovery words…</source>
        <translation>Wiederherstellungswörter zeigen…</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Passwort ändern…</translation>
    </message>
    <message>
        <source>Trusted web pages</source>
        <translation>Vertrauenswürdige Webseiten</translation>
    </message>
    <message>
        <source>Web pages listed here may use the password and wallet-management parts of the API (create, unlock, export, backups). Enter exact origins such as https://example.com or http://localhost:3000. Other pages can still ask for access to a site, which you approve in a dialog.</source>
        <translation>Hier aufgeführte Webseiten dürfen die Passwort- und Wallet-Verwaltungsteile der API nutzen (Erstellen, Entsperren, Exportieren, Sicherungen). Geben Sie genaue Ursprünge wie https://example.com oder http://localhost:3000 ein. Andere Seiten können weiterhin Zugriff für eine Website anfragen, den Sie in einem Dialog genehmigen.</translation>
    </message>
    <message>
        <source>Web page to trust</source>
        <translation>Webseite, der vertraut werden soll</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>“%1” is not a web page address TokenPass can trust: %2. Type it like https://example.com.</source>
        <translation>„%1“ ist keine Webseitenadresse, der TokenPass vertrauen kann: %2. Geben Sie sie in der Form https://example.com ein.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>API &amp;port:</source>
        <translation>API-&amp;Port:</translation>
    </message>
    <message>
        <source>Takes effect the next time TokenPass starts (now listening on port %1). --port and TOKENPASS_PORT override it. Sites expect 21000.</source>
        <translation>Gilt ab dem nächsten Start von TokenPass (lauscht jetzt auf Port %1). --port und TOKENPASS_PORT haben Vorrang. Websites erwarten 21000.</translation>
    </message>
    <message>
        <source>Stores the wallet password in the system keychain, so TokenPass unlocks by itself when you log in.</source>
        <translation>Speichert das Wallet-Passwort im Schlüsselbund des Systems, damit sich TokenPass beim Anmelden von selbst entsperrt.</translation>
    </message>
    <message>
        <source>Type the wallet password once to store it in the keychain, then press Enter.</source>
        <translation>Geben Sie das Wallet-Passwort einmal ein, um es im Schlüsselbund zu speichern, und drücken Sie dann Eingabe.</translation>
    </message>
    <message>
        <source>Checks the password and stores it in the system keychain.</source>
        <translation>Prüft das Passwort und speichert es im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Leaves the keychain off and forgets what was typed.</source>
        <translation>Lässt den Schlüsselbund aus und vergisst die Eingabe.</translation>
    </message>
    <message>
        <source>Closes the window; your changes are already saved.</source>
        <translation>Schließt das Fenster; Ihre Änderungen sind bereits gespeichert.</translation>
    </message>
    <message>
        <source>Starts TokenPass in the system tray each time you log in to this computer.</source>
        <translation>Startet TokenPass im Infobereich, jedes Mal wenn Sie sich an diesem Computer anmelden.</translation>
    </message>
    <message>
        <source>Shows a system notification each time a site has something signed.</source>
        <translation>Zeigt jedes Mal eine Systembenachrichtigung, wenn eine Website etwas signieren lässt.</translation>
    </message>
    <message>
        <source>The language of TokenPass&apos;s windows; it changes the next time TokenPass starts.</source>
        <translation>Die Sprache der Fenster von TokenPass; sie wechselt beim nächsten Start von TokenPass.</translation>
    </message>
    <message>
        <source>0 means never. Using the API or TokenPass&apos;s windows counts as use.</source>
        <translation>0 heißt nie. Die Nutzung der API oder der Fenster von TokenPass zählt als Nutzung.</translation>
    </message>
    <message>
        <source>Locks the wallet when your screen locks or the computer goes to sleep.</source>
        <translation>Sperrt die Wallet, wenn Ihr Bildschirm sperrt oder der Computer in den Ruhezustand geht.</translation>
    </message>
    <message>
        <source>Opens a window that shows the 12 recovery words after asking for the password.</source>
        <translation>Öffnet ein Fenster, das nach Abfrage des Passworts die 12 Wiederherstellungswörter zeigt.</translation>
    </message>
    <message>
        <source>Opens a window to encrypt the wallet file under a new password.</source>
        <translation>Öffnet ein Fenster, um die Wallet-Datei mit einem neuen Passwort zu verschlüsseln.</translation>
    </message>
    <message>
        <source>Web pages that may use the password and wallet-management parts of the API.</source>
        <translation>Webseiten, die die Passwort- und Wallet-Verwaltungsteile der API nutzen dürfen.</translation>
    </message>
    <message>
        <source>An exact origin such as https://example.com; Enter adds it.</source>
        <translation>Ein exakter Ursprung wie https://example.com; Eingabe fügt ihn hinzu.</translation>
    </message>
    <message>
        <source>Adds the web page typed in the field to the trusted list.</source>
        <translation>Fügt die im Feld eingegebene Webseite der Liste vertrauenswürdiger Seiten hinzu.</translation>
    </message>
    <message>
        <source>Removes the selected web pages from the trusted list.</source>
        <translation>Entfernt die ausgewählten Webseiten aus der Liste vertrauenswürdiger Seiten.</translation>
    </message>
    <message>
        <source>The port the API listens on from the next start. Sites expect 21000.</source>
        <translation>Der Port, auf dem die API ab dem nächsten Start lauscht. Websites erwarten 21000.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::SetupWizard</name>
    <message>
        <source>Set up TokenPass</source>
        <translation>TokenPass einrichten</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertigstellen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The password is too short: it needs at least %1 characters. Type a longer one.</source>
        <translation>Das Passwort ist zu kurz: Es braucht mindestens %1 Zeichen. Geben Sie ein längeres ein.</translation>
    </message>
    <message>
        <source>The two passwords are not the same. Type the password again in the second field.</source>
        <translation>Die beiden Passwörter stimmen nicht überein. Geben Sie das Passwort im zweiten Feld erneut ein.</translation>
    </message>
    <message>
        <source>The recovery words could not be made: %1. Click Next to try again.</source>
        <translation>Die Wiederherstellungswörter konnten nicht erzeugt werden: %1. Klicken Sie auf Weiter, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>Word #%1</source>
        <translation>Wort Nr. %1</translation>
    </message>
    <message>
        <source>Word #%1 does not match. Check what you wrote down, or go back to see the words again.</source>
        <translation>Wort Nr. %1 stimmt nicht. Prüfen Sie Ihre Notiz oder gehen Sie zurück, um die Wörter noch einmal zu sehen.</translation>
    </message>
    <message>
        <source>Your new wallet is ready and unlocked. Keep the 12 words and the password safe: you need both to restore it.</source>
        <translation>Ihre neue Wallet ist bereit und entsperrt. Bewahren Sie die 12 Wörter und das Passwort sicher auf: Zum Wiederherstellen brauchen Sie beides.</translation>
    </message>
    <message>
        <source>These are not valid recovery words: %1. Check the spelling and the order against what you wrote down.</source>
        <translation>Das sind keine gültigen Wiederherstellungswörter: %1. Vergleichen Sie Schreibweise und Reihenfolge mit Ihrer Notiz.</translation>
    </message>
    <message>
        <source>Your wallet has been restored and is unlocked.</source>
        <translation>Ihre Wallet wurde wiederhergestellt und ist entsperrt.</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Sicherung auswählen</translation>
    </message>
    <message>
        <source>TokenPass backups (*.bep);;All files (*)</source>
        <translation>TokenPass-Sicherungen (*.bep);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No backup file is chosen. Click Browse… to choose your backup.bep.</source>
        <translation>Keine Sicherungsdatei ausgewählt. Klicken Sie auf Durchsuchen…, um Ihre backup.bep auszuwählen.</translation>
    </message>
    <message>
        <source>The backup file could not be opened: %1. Click Browse… to choose it again.</source>
        <translation>Die Sicherungsdatei konnte nicht geöffnet werden: %1. Klicken Sie auf Durchsuchen…, um sie erneut auszuwählen.</translation>
    </message>
    <message>
        <source>The backup&apos;s password is missing. Type the password the backup was saved with.</source>
        <translation>Das Passwort der Sicherung fehlt. Geben Sie das Passwort ein, mit dem die Sicherung gespeichert wurde.</translation>
    </message>
    <message>
        <source>The backup has been imported and the wallet is unlocked.</source>
        <translation>Die Sicherung wurde importiert und die Wallet ist entsperrt.</translation>
    </message>
    <message>
        <source>That password does not open this backup. Type the password it was saved with; it may be an older password.</source>
        <translation>Dieses Passwort öffnet die Sicherung nicht. Geben Sie das Passwort ein, mit dem sie gespeichert wurde; es kann ein älteres Passwort sein.</translation>
    </message>
    <message>
        <source>The wallet could not be set up: %1. Check that the disk has free space, then try again.</source>
        <translation>Die Wallet konnte nicht eingerichtet werden: %1. Prüfen Sie, ob auf dem Datenträger Platz frei ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>To restore this wallet you need &lt;b&gt;both&lt;/b&gt; the 12 words &lt;b&gt;and&lt;/b&gt; this password. Neither one alone is enough, and TokenPass cannot recover either for you.</source>
        <translation>Um diese Wallet wiederherzustellen, brauchen Sie &lt;b&gt;sowohl&lt;/b&gt; die 12 Wörter &lt;b&gt;als auch&lt;/b&gt; dieses Passwort. Eines allein genügt nicht, und TokenPass kann keines von beiden für Sie wiederherstellen.</translation>
    </message>
    <message>
        <source>TokenPass logo</source>
        <translation>TokenPass-Logo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to TokenPass.&lt;/b&gt;&lt;br&gt;TokenPass keeps your identity in an encrypted wallet on this computer and signs you in to websites, asking you before any site may use it.</source>
        <translation>&lt;b&gt;Willkommen bei TokenPass.&lt;/b&gt;&lt;br&gt;TokenPass bewahrt Ihre Identität in einer verschlüsselten Wallet auf diesem Computer auf und meldet Sie bei Websites an – und fragt Sie, bevor eine Website sie nutzen darf.</translation>
    </message>
    <message>
        <source>There is no wallet yet. How would you like to start?</source>
        <translation>Es gibt noch keine Wallet. Wie möchten Sie beginnen?</translation>
    </message>
    <message>
        <source>&amp;Create a new wallet</source>
        <translation>Neue Wallet &amp;erstellen</translation>
    </message>
    <message>
        <source>Makes a new wallet with 12 new recovery words.</source>
        <translation>Erstellt eine neue Wallet mit 12 neuen Wiederherstellungswörtern.</translation>
    </message>
    <message>
        <source>Or restore a wallet you already have:</source>
        <translation>Oder stellen Sie eine vorhandene Wallet wieder her:</translation>
    </message>
    <message>
        <source>Restore with my 12 &amp;words</source>
        <translation>Mit meinen 12 &amp;Wörtern wiederherstellen</translation>
    </message>
    <message>
        <source>Type the 12 recovery words and the password used with them.</source>
        <translation>Geben Sie die 12 Wiederherstellungswörter und das dazugehörige Passwort ein.</translation>
    </message>
    <message>
        <source>Restore from a &amp;backup file (backup.bep)</source>
        <translation>Aus einer &amp;Sicherungsdatei (backup.bep) wiederherstellen</translation>
    </message>
    <message>
        <source>Open a TokenPass backup file and type its password.</source>
        <translation>Öffnen Sie eine TokenPass-Sicherungsdatei und geben Sie ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Choose a password. It encrypts the wallet on this computer, and together with the 12 words it is what restores the wallet elsewhere.</source>
        <translation>Wählen Sie ein Passwort. Es verschlüsselt die Wallet auf diesem Computer und stellt zusammen mit den 12 Wörtern die Wallet anderswo wieder her.</translation>
    </message>
    <message>
        <source>Password (at least %1 characters)</source>
        <translation>Passwort (mindestens %1 Zeichen)</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Write these 12 words down, in order,&lt;/b&gt; and keep them somewhere safe and offline. Anyone with the words and the password controls this wallet.</source>
        <translation>&lt;b&gt;Schreiben Sie diese 12 Wörter der Reihe nach auf&lt;/b&gt; und bewahren Sie sie sicher und offline auf. Wer die Wörter und das Passwort hat, verfügt über diese Wallet.</translation>
    </message>
    <message>
        <source>On the next page you will be asked for three of them.</source>
        <translation>Auf der nächsten Seite werden Sie nach drei davon gefragt.</translation>
    </message>
    <message>
        <source>To be sure the words are written down correctly, type these three of them.</source>
        <translation>Geben Sie diese drei Wörter ein, um sicherzugehen, dass Sie sie richtig aufgeschrieben haben.</translation>
    </message>
    <message>
        <source>Type your 12 words, separated by spaces, and the password you used with them. A different password gives a different, empty wallet.</source>
        <translation>Geben Sie Ihre 12 Wörter, durch Leerzeichen getrennt, und das dazugehörige Passwort ein. Ein anderes Passwort ergibt eine andere, leere Wallet.</translation>
    </message>
    <message>
        <source>word1 word2 … word12</source>
        <translation>Wort1 Wort2 … Wort12</translation>
    </message>
    <message>
        <source>Your 12 recovery words</source>
        <translation>Ihre 12 Wiederherstellungswörter</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Choose a TokenPass backup file (.bep) and type the password it was saved with.</source>
        <translation>Wählen Sie eine TokenPass-Sicherungsdatei (.bep) und geben Sie das Passwort ein, mit dem sie gespeichert wurde.</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Sicherungsdatei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Password of the backup</source>
        <translation>Passwort der Sicherung</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;What happens next&lt;/b&gt;&lt;/p&gt;&lt;p&gt;TokenPass waits for websites at &lt;code&gt;%1&lt;/code&gt;, on this computer only.&lt;/p&gt;&lt;p&gt;When a site wants to connect, TokenPass shows you who is asking and what for; nothing is shared until you click Allow. You can see and revoke connected sites at any time.&lt;/p&gt;&lt;p&gt;TokenPass lives in the system tray: click its icon to lock the wallet, see connected sites or change settings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Wie es weitergeht&lt;/b&gt;&lt;/p&gt;&lt;p&gt;TokenPass wartet unter &lt;code&gt;%1&lt;/code&gt; auf Websites, nur auf diesem Computer.&lt;/p&gt;&lt;p&gt;Wenn sich eine Website verbinden möchte, zeigt Ihnen TokenPass, wer fragt und wofür; nichts wird geteilt, bevor Sie auf Erlauben klicken. Verbundene Websites können Sie jederzeit ansehen und ihnen den Zugriff entziehen.&lt;/p&gt;&lt;p&gt;TokenPass wohnt im Infobereich der Taskleiste: Klicken Sie auf das Symbol, um die Wallet zu sperren, verbundene Websites zu sehen oder Einstellungen zu ändern.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Goes back to the previous step.</source>
        <translation>Geht zum vorigen Schritt zurück.</translation>
    </message>
    <message>
        <source>Goes on to the next step, or finishes.</source>
        <translation>Geht zum nächsten Schritt weiter oder schließt ab.</translation>
    </message>
    <message>
        <source>Closes the setup without making a wallet.</source>
        <translation>Schließt die Einrichtung, ohne eine Wallet anzulegen.</translation>
    </message>
    <message>
        <source>Encrypts the wallet; with the 12 words it restores the wallet.</source>
        <translation>Verschlüsselt die Wallet; zusammen mit den 12 Wörtern stellt es die Wallet wieder her.</translation>
    </message>
    <message>
        <source>Type the same password again.</source>
        <translation>Geben Sie dasselbe Passwort noch einmal ein.</translation>
    </message>
    <message>
        <source>Type the word at this position from the list you wrote down.</source>
        <translation>Geben Sie das Wort an dieser Stelle aus Ihrer aufgeschriebenen Liste ein.</translation>
    </message>
    <message>
        <source>The 12 recovery words in order, separated by spaces.</source>
        <translation>Die 12 Wiederherstellungswörter der Reihe nach, durch Leerzeichen getrennt.</translation>
    </message>
    <message>
        <source>The password that was used with these 12 words.</source>
        <translation>Das Passwort, das mit diesen 12 Wörtern verwendet wurde.</translation>
    </message>
    <message>
        <source>Where the backup file is; Browse… chooses it.</source>
        <translation>Wo die Sicherungsdatei liegt; Durchsuchen… wählt sie aus.</translation>
    </message>
    <message>
        <source>Opens a file chooser to pick the backup file.</source>
        <translation>Öffnet eine Dateiauswahl, um die Sicherungsdatei zu wählen.</translation>
    </message>
    <message>
        <source>The password the backup was saved with.</source>
        <translation>Das Passwort, mit dem die Sicherung gespeichert wurde.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::SignApprovalDialog</name>
    <message>
        <source>%1 asks TokenPass to sign:</source>
        <translation>%1 bittet TokenPass, zu signieren:</translation>
    </message>
    <message>
        <source>%1 asks TokenPass to encrypt:</source>
        <translation>%1 bittet TokenPass, zu verschlüsseln:</translation>
    </message>
    <message>
        <source>%1 asks TokenPass to decrypt:</source>
        <translation>%1 bittet TokenPass, zu entschlüsseln:</translation>
    </message>
    <message>
        <source>%1 asks TokenPass to sign a transaction:</source>
        <translation>%1 bittet TokenPass, eine Transaktion zu signieren:</translation>
    </message>
    <message>
        <source>%1 asks TokenPass:</source>
        <translation>%1 fragt TokenPass:</translation>
    </message>
    <message>
        <source>Rejects itself in %1 s if you do nothing.</source>
        <translation>Lehnt in %1 s von selbst ab, wenn Sie nichts tun.</translation>
    </message>
    <message>
        <source>TokenPass — approve a request from %1</source>
        <translation>TokenPass — Anfrage von %1 genehmigen</translation>
    </message>
    <message>
        <source>What the site asks for</source>
        <translation>Worum die Website bittet</translation>
    </message>
    <message numerus="yes">
        <source>Show all %n character(s)</source>
        <translation>
            <numerusform>Alle %n Zeichen zeigen</numerusform>
            <numerusform>Alle %n Zeichen zeigen</numerusform>
        </translation>
    </message>
    <message>
        <source>Allow this site without asking for 15 minutes</source>
        <translation>Diese Website 15 Minuten lang ohne Nachfrage erlauben</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>The text or data the site sent, exactly as received.</source>
        <translation>Der Text oder die Daten, die die Website gesendet hat, genau wie empfangen.</translation>
    </message>
    <message>
        <source>Shows the whole content instead of its beginning.</source>
        <translation>Zeigt den ganzen Inhalt statt nur seines Anfangs.</translation>
    </message>
    <message>
        <source>This site&apos;s next requests of the same kind are done without asking, for 15 minutes.</source>
        <translation>Die nächsten Anfragen dieser Website derselben Art werden 15 Minuten lang ohne Nachfrage ausgeführt.</translation>
    </message>
    <message>
        <source>Does what the site asks. It works a moment after the window opens.</source>
        <translation>Führt aus, worum die Website bittet. Funktioniert einen Moment nach dem Öffnen des Fensters.</translation>
    </message>
    <message>
        <source>Refuses the request. Enter and Escape reject too.</source>
        <translation>Lehnt die Anfrage ab. Eingabe und Escape lehnen ebenfalls ab.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::SitesModel</name>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>%1 (moves money)</source>
        <translation>%1 (bewegt Geld)</translation>
    </message>
    <message>
        <source>%1 — moves money</source>
        <translation>%1 — bewegt Geld</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Ask every time</source>
        <translation>Jedes Mal fragen</translation>
    </message>
    <message>
        <source>No token</source>
        <translation>Kein Token</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Noch nicht</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identität</translation>
    </message>
    <message>
        <source>Allowed to</source>
        <translation>Darf</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signieren</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt genutzt</translation>
    </message>
    <message>
        <source>An app signed in with TokenPass (OAuth client %1). It named itself; nobody checked that name.</source>
        <translation>Eine App, die sich mit TokenPass angemeldet hat (OAuth-Client %1). Den Namen hat sie sich selbst gegeben; niemand hat ihn geprüft.</translation>
    </message>
    <message>
        <source>Until revoked</source>
        <translation>Bis zum Entzug</translation>
    </message>
    <message>
        <source>%1 (app, unverified)</source>
        <translation>%1 (App, ungeprüft)</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::SitesWindow</name>
    <message>
        <source>Connected sites — TokenPass</source>
        <translation>Verbundene Websites — TokenPass</translation>
    </message>
    <message>
        <source>TokenPass</source>
        <translation>TokenPass</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nein</translation>
    </message>
    <message>
        <source>Connected sites</source>
        <translation>Verbundene Websites</translation>
    </message>
    <message>
        <source>&amp;Signing:</source>
        <translation>&amp;Signieren:</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Ask every time</source>
        <translation>Jedes Mal fragen</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>Zugriff &amp;entziehen</translation>
    </message>
    <message>
        <source>Revoke &amp;all</source>
        <translation>&amp;Allen entziehen</translation>
    </message>
    <message>
        <source>Recent activity of the selected site</source>
        <translation>Letzte Aktivität der ausgewählten Website</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Select a site to see its recent activity.</source>
        <translation>Wählen Sie eine Website, um ihre letzte Aktivität zu sehen.</translation>
    </message>
    <message>
        <source>Recent activity of %1</source>
        <translation>Letzte Aktivität von %1</translation>
    </message>
    <message>
        <source>Revoke %1? Its token stops working at once, and it will have to ask again.</source>
        <translation>%1 den Zugriff entziehen? Ihr Token funktioniert sofort nicht mehr, und sie muss erneut fragen.</translation>
    </message>
    <message numerus="yes">
        <source>Revoke all %n site(s)? Every token stops working at once.</source>
        <translation>
            <numerusform>Der %n Website den Zugriff entziehen? Jedes Token funktioniert sofort nicht mehr.</numerusform>
            <numerusform>Allen %n Websites den Zugriff entziehen? Jedes Token funktioniert sofort nicht mehr.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke %1? Its tokens stop working at once, and it will have to ask for your consent again.</source>
        <translation>%1 den Zugriff entziehen? Ihre Tokens funktionieren sofort nicht mehr, und sie muss erneut um Ihre Zustimmung bitten.</translation>
    </message>
    <message>
        <source>The sites you allowed. Select one to change or revoke its access.</source>
        <translation>Die Websites, die Sie erlaubt haben. Wählen Sie eine, um ihren Zugriff zu ändern oder zu entziehen.</translation>
    </message>
    <message>
        <source>Whether the selected site may sign without asking you.</source>
        <translation>Ob die ausgewählte Website ohne Nachfrage signieren darf.</translation>
    </message>
    <message>
        <source>Takes the selected site&apos;s access away; it has to ask again.</source>
        <translation>Entzieht der ausgewählten Website den Zugriff; sie muss erneut fragen.</translation>
    </message>
    <message>
        <source>Takes every site&apos;s access away.</source>
        <translation>Entzieht allen Websites den Zugriff.</translation>
    </message>
    <message>
        <source>What the selected site asked for recently, and the answer.</source>
        <translation>Worum die ausgewählte Website zuletzt gebeten hat, und die Antwort.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::TrayController</name>
    <message>
        <source>Set up a wallet…</source>
        <translation>Wallet einrichten…</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Entsperren…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Pending approvals</source>
        <translation>Offene Genehmigungen</translation>
    </message>
    <message>
        <source>Connected sites…</source>
        <translation>Verbundene Websites…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Show recovery words…</source>
        <translation>Wiederherstellungswörter zeigen…</translation>
    </message>
    <message>
        <source>Launch at login</source>
        <translation>Beim Anmelden starten</translation>
    </message>
    <message>
        <source>About TokenPass</source>
        <translation>Über TokenPass</translation>
    </message>
    <message>
        <source>Quit TokenPass</source>
        <translation>TokenPass beenden</translation>
    </message>
    <message>
        <source>no wallet yet</source>
        <translation>noch keine Wallet</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>entsperrt</translation>
    </message>
    <message>
        <source>TokenPass — %1, port %2</source>
        <translation>TokenPass — %1, Port %2</translation>
    </message>
    <message numerus="yes">
        <source>%n approval(s) waiting</source>
        <translation>
            <numerusform>%n Genehmigung wartet</numerusform>
            <numerusform>%n Genehmigungen warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending approvals (%1)</source>
        <translation>Offene Genehmigungen (%1)</translation>
    </message>
    <message>
        <source>%1 used “%2”: %3</source>
        <translation>%1 hat „%2“ genutzt: %3</translation>
    </message>
    <message>
        <source>TokenPass signature</source>
        <translation>TokenPass-Signatur</translation>
    </message>
    <message>
        <source>The disk is full, so TokenPass could not save a change. Nothing was changed. Free some space on the disk that holds %1.</source>
        <translation>Der Datenträger ist voll, daher konnte TokenPass eine Änderung nicht speichern. Es wurde nichts geändert. Schaffen Sie Platz auf dem Datenträger, auf dem %1 liegt.</translation>
    </message>
    <message>
        <source>TokenPass: the disk is full</source>
        <translation>TokenPass: Der Datenträger ist voll</translation>
    </message>
    <message>
        <source>TokenPass</source>
        <translation>TokenPass</translation>
    </message>
    <message>
        <source>No system tray was found, so TokenPass lives in this window.</source>
        <translation>Es wurde kein Infobereich gefunden, daher wohnt TokenPass in diesem Fenster.</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>%1 spent %2 sat of its allowance; %3 left today.</source>
        <translation>%1 hat %2 sat seines Limits ausgegeben; heute noch %3 übrig.</translation>
    </message>
    <message>
        <source>TokenPass spending allowance</source>
        <translation>TokenPass-Ausgabenlimit</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::TxApprovalDialog</name>
    <message>
        <source>opcode 0x%1</source>
        <translation>Opcode 0x%1</translation>
    </message>
    <message>
        <source>%1 protocol</source>
        <translation>Protokoll %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>hex %1</source>
        <translation>hex %1</translation>
    </message>
    <message>
        <source>inscription (%1) to %2</source>
        <translation>Inschrift (%1) an %2</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>kein Inhaltstyp</translation>
    </message>
    <message>
        <source>data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>unknown script: %1</source>
        <translation>unbekanntes Skript: %1</translation>
    </message>
    <message>
        <source>  — change (your wallet)</source>
        <translation>  — Wechselgeld (Ihre Wallet)</translation>
    </message>
    <message>
        <source>Rejects itself in %1 s if you do nothing.</source>
        <translation>Lehnt in %1 s von selbst ab, wenn Sie nichts tun.</translation>
    </message>
    <message>
        <source>TokenPass — approve a transaction from %1</source>
        <translation>TokenPass — Transaktion von %1 genehmigen</translation>
    </message>
    <message>
        <source>%1 asks TokenPass to sign a transaction.</source>
        <translation>%1 bittet TokenPass, eine Transaktion zu signieren.</translation>
    </message>
    <message>
        <source>You spend</source>
        <translation>Sie zahlen</translation>
    </message>
    <message>
        <source>%1 satoshis%2</source>
        <translation>%1 Satoshis%2</translation>
    </message>
    <message>
        <source> — unverified: the amounts are the app&apos;s claim</source>
        <translation> — ungeprüft: Die Beträge sind Angaben der App</translation>
    </message>
    <message>
        <source>The app says (not checked by TokenPass): %1</source>
        <translation>Die App sagt (nicht von TokenPass geprüft): %1</translation>
    </message>
    <message>
        <source>Outputs, in order (%1):</source>
        <translation>Ausgaben, der Reihe nach (%1):</translation>
    </message>
    <message>
        <source>Outputs of the transaction</source>
        <translation>Ausgaben der Transaktion</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Satoshis</source>
        <translation>Satoshis</translation>
    </message>
    <message>
        <source>Network fee: %1 sat (%2 sat/kB)%3</source>
        <translation>Netzwerkgebühr: %1 sat (%2 sat/kB)%3</translation>
    </message>
    <message>
        <source> — unverified: input amounts are the app&apos;s claim</source>
        <translation> — ungeprüft: Die Eingangsbeträge sind Angaben der App</translation>
    </message>
    <message>
        <source>Input %1 is not yours and is not signed by TokenPass (%2 sat claimed%3).</source>
        <translation>Eingang %1 gehört nicht Ihnen und wird von TokenPass nicht signiert (%2 sat angegeben%3).</translation>
    </message>
    <message>
        <source>, unverified</source>
        <translation>, ungeprüft</translation>
    </message>
    <message>
        <source>Your signature on input %1 %2.</source>
        <translation>Ihre Signatur auf Eingang %1: %2.</translation>
    </message>
    <message>
        <source>Lock time: %1</source>
        <translation>Sperrzeit: %1</translation>
    </message>
    <message>
        <source>Approve and sign</source>
        <translation>Genehmigen und signieren</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>Where the money goes: one row per output, amounts in satoshis.</source>
        <translation>Wohin das Geld geht: eine Zeile pro Ausgabe, Beträge in Satoshis.</translation>
    </message>
    <message>
        <source>Signs the transaction as shown. It works a moment after the window opens.</source>
        <translation>Signiert die Transaktion wie gezeigt. Funktioniert einen Moment nach dem Öffnen des Fensters.</translation>
    </message>
    <message>
        <source>Refuses the request. Enter and Escape reject too.</source>
        <translation>Lehnt die Anfrage ab. Eingabe und Escape lehnen ebenfalls ab.</translation>
    </message>
</context>
<context>
    <name>tokenpass::ui::UnlockDialog</name>
    <message>
        <source>Unlock TokenPass</source>
        <translation>TokenPass entsperren</translation>
    </message>
    <message>
        <source>Enter your wallet password to unlock TokenPass.</source>
        <translation>Geben Sie Ihr Wallet-Passwort ein, um TokenPass zu entsperren.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Wallet password</source>
        <translation>Wallet-Passwort</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>Passwort &amp;zeigen</translation>
    </message>
    <message>
        <source>Caps Lock is on.</source>
        <translation>Die Feststelltaste ist aktiv.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Wallet file repaired</source>
        <translation>Wallet-Datei repariert</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>That password is not correct. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>Dieses Passwort ist falsch. Prüfen Sie die Feststelltaste und das Tastaturlayout und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The wallet could not be unlocked: %1. Try again; if it keeps failing, restore the wallet from your backup or recovery words.</source>
        <translation>Die Wallet konnte nicht entsperrt werden: %1. Versuchen Sie es erneut; wenn es weiter fehlschlägt, stellen Sie die Wallet aus Ihrer Sicherung oder Ihren Wiederherstellungswörtern wieder her.</translation>
    </message>
    <message>
        <source>Type the password you chose when the wallet was created, then press Enter.</source>
        <translation>Geben Sie das Passwort ein, das Sie beim Anlegen der Wallet gewählt haben, und drücken Sie Eingabe.</translation>
    </message>
    <message>
        <source>Shows the password as plain text while you type it.</source>
        <translation>Zeigt das Passwort beim Eingeben als Klartext.</translation>
    </message>
    <message>
        <source>Unlocks the wallet with the password typed above.</source>
        <translation>Entsperrt die Wallet mit dem oben eingegebenen Passwort.</translation>
    </message>
    <message>
        <source>Closes this window; the wallet stays locked.</source>
        <translation>Schließt dieses Fenster; die Wallet bleibt gesperrt.</translation>
    </message>
</context>
</TS>
