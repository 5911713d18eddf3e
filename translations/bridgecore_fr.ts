<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>bridgecore::ui::AdminView</name>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Ajouter un utilisateur…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Réinitialiser le mot de passe…</translation>
    </message>
    <message>
        <source>App types and models</source>
        <translation>Types d&apos;application et modèles</translation>
    </message>
    <message>
        <source>model, e.g. sale.order</source>
        <translation>modèle, p. ex. sale.order</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Activer</translation>
    </message>
    <message>
        <source>Saving the models failed: %1</source>
        <translation>L&apos;enregistrement des modèles a échoué : %1</translation>
    </message>
    <message>
        <source>Models of %1 saved</source>
        <translation>Modèles de %1 enregistrés</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail :</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rôle :</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>Adding %1 failed: %2</source>
        <translation>L&apos;ajout de %1 a échoué : %2</translation>
    </message>
    <message>
        <source>User %1 added</source>
        <translation>Utilisateur %1 ajouté</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Désactiver l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Disable %1? Their devices can no longer sync.</source>
        <translation>Désactiver %1 ? Ses appareils ne pourront plus se synchroniser.</translation>
    </message>
    <message>
        <source>User %1 updated</source>
        <translation>Utilisateur %1 mis à jour</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <source>New password for %1 (at least 8 characters):</source>
        <translation>Nouveau mot de passe pour %1 (8 caractères au moins) :</translation>
    </message>
    <message>
        <source>Password reset failed: %1</source>
        <translation>La réinitialisation du mot de passe a échoué : %1</translation>
    </message>
    <message>
        <source>Password of %1 changed</source>
        <translation>Mot de passe de %1 modifié</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::ConflictListModel</name>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>résolu</translation>
    </message>
    <message>
        <source>server wins</source>
        <translation>le serveur gagne</translation>
    </message>
    <message>
        <source>client wins</source>
        <translation>le client gagne</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>fusionné</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuelle</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Conflicting fields</source>
        <translation>Champs en conflit</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::ConflictsView</name>
    <message>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouverts</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolus</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Resolution failed: %1</source>
        <translation>La résolution a échoué : %1</translation>
    </message>
    <message>
        <source>Conflict %1 resolved</source>
        <translation>Conflit %1 résolu</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DashboardView</name>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Stale devices</source>
        <translation>Appareils inactifs</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflits ouverts</translation>
    </message>
    <message>
        <source>Head event id</source>
        <translation>Dernier événement</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Fenêtre :</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minute</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 minutes</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>Pushed changes/s</source>
        <translation>Modifications envoyées/s</translation>
    </message>
    <message>
        <source>Pulled events/s</source>
        <translation>Événements reçus/s</translation>
    </message>
    <message>
        <source>p95 push latency (ms)</source>
        <translation>Latence d&apos;envoi p95 (ms)</translation>
    </message>
    <message>
        <source>Conflicts per minute</source>
        <translation>Conflits par minute</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceTableModel</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>il y a %n minute</numerusform>
            <numerusform>il y a %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>il y a %n heure</numerusform>
            <numerusform>il y a %n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Inactifs</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>App type</source>
        <translation>Type d&apos;application</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>Dernier événement</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchro</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>Synchros</translation>
    </message>
    <message>
        <source>Events synced</source>
        <translation>Événements synchronisés</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflits ouverts</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>Version de l&apos;application</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DevicesView</name>
    <message>
        <source>Search device or app type…</source>
        <translation>Rechercher un appareil ou un type d&apos;application…</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>Tous les appareils</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Inactifs</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>With conflicts</source>
        <translation>Avec conflits</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Appareil :</translation>
    </message>
    <message>
        <source>App type / version:</source>
        <translation>Type d&apos;application / version :</translation>
    </message>
    <message>
        <source>Last event / lag:</source>
        <translation>Dernier événement / retard :</translation>
    </message>
    <message>
        <source>Last push:</source>
        <translation>Dernier envoi :</translation>
    </message>
    <message>
        <source>Last pull:</source>
        <translation>Dernière réception :</translation>
    </message>
    <message>
        <source>Queue report:</source>
        <translation>État de la file d&apos;attente :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>Clock skew:</source>
        <translation>Décalage d&apos;horloge :</translation>
    </message>
    <message>
        <source>Pushes / changes:</source>
        <translation>Envois / modifications :</translation>
    </message>
    <message>
        <source>Success / conflict rate:</source>
        <translation>Taux de succès / de conflit :</translation>
    </message>
    <message>
        <source>Average push / pull:</source>
        <translation>Envoi / réception moyens :</translation>
    </message>
    <message>
        <source>Bytes in / out:</source>
        <translation>Octets reçus / envoyés :</translation>
    </message>
    <message>
        <source>Reset sync state…</source>
        <translation>Réinitialiser l&apos;état de synchro…</translation>
    </message>
    <message>
        <source>The device will pull everything again</source>
        <translation>L&apos;appareil recevra de nouveau tout</translation>
    </message>
    <message>
        <source>Only admins may reset devices</source>
        <translation>Seuls les administrateurs peuvent réinitialiser les appareils</translation>
    </message>
    <message>
        <source>%1 of %2 devices loaded</source>
        <translation>%1 appareils chargés sur %2</translation>
    </message>
    <message>
        <source>%1 (user %2)</source>
        <translation>%1 (utilisateur %2)</translation>
    </message>
    <message>
        <source>%1 / %2 behind</source>
        <translation>%1 / %2 de retard</translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s), oldest %1</source>
        <translation>
            <numerusform>%n modification en attente, la plus ancienne %1</numerusform>
            <numerusform>%n modifications en attente, la plus ancienne %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1% / %2%</source>
        <translation>%1 % / %2 %</translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation>%1 ms / %2 ms</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Reset device</source>
        <translation>Réinitialiser l&apos;appareil</translation>
    </message>
    <message>
        <source>Reset the sync state of %1? The device will download every event again on its next pull.</source>
        <translation>Réinitialiser l&apos;état de synchronisation de %1 ? L&apos;appareil téléchargera de nouveau tous les événements à sa prochaine réception.</translation>
    </message>
    <message>
        <source>Reset failed: %1</source>
        <translation>La réinitialisation a échoué : %1</translation>
    </message>
    <message>
        <source>Sync state of %1 reset</source>
        <translation>État de synchronisation de %1 réinitialisé</translation>
    </message>
    <message>
        <source>pushes: %1, changes: %2 (failed: %3, conflicts: %4)</source>
        <translation>envois : %1, modifications : %2 (échecs : %3, conflits : %4)</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::EventLogModel</name>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>create</source>
        <translation>création</translation>
    </message>
    <message>
        <source>write</source>
        <translation>écriture</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>suppression</translation>
    </message>
    <message>
        <source>high</source>
        <translation>haute</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>low</source>
        <translation>basse</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Changed fields</source>
        <translation>Champs modifiés</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::EventLogView</name>
    <message>
        <source>Model:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>Tout modèle</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Action :</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Toute action</translation>
    </message>
    <message>
        <source>create</source>
        <translation>création</translation>
    </message>
    <message>
        <source>write</source>
        <translation>écriture</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>suppression</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Appareil :</translation>
    </message>
    <message>
        <source>Any device</source>
        <translation>Tout appareil</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 événements</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::LoginDialog</name>
    <message>
        <source>Connect to a BridgeCore server</source>
        <translation>Se connecter à un serveur BridgeCore</translation>
    </message>
    <message>
        <source>The console works offline and syncs with this server. Support and admin accounts also see the server&apos;s devices, conflicts and events.</source>
        <translation>La console fonctionne hors ligne et se synchronise avec ce serveur. Les comptes support et administrateur voient aussi les appareils, les conflits et les événements du serveur.</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>URL du serveur :</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail :</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>Échec de la connexion : %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MainWindow</name>
    <message>
        <source>BridgeCore Sync Console</source>
        <translation>Console BridgeCore Sync</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>About BridgeCore Sync Console</source>
        <translation>À propos de la console BridgeCore Sync</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console
Offline-first sync for ERP data.
Database: %1</source>
        <translation>Console BridgeCore Sync
Synchronisation hors ligne des données ERP.
Base de données : %1</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <source>Users and app types</source>
        <translation>Utilisateurs et types d&apos;application</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>Paramètres : %1</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Paramètres enregistrés</translation>
    </message>
    <message>
        <source>Mode changed</source>
        <translation>Mode modifié</translation>
    </message>
    <message>
        <source>The new mode takes effect when the console starts again.</source>
        <translation>Le nouveau mode prendra effet au prochain démarrage de la console.</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Hors ligne</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Dernière synchro %1</translation>
    </message>
    <message>
        <source>Serving the sync API on %1</source>
        <translation>API de synchronisation servie sur %1</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>Pas de service</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>En service sur %1</translation>
    </message>
    <message>
        <source>Sync failed: %1. Retrying automatically.</source>
        <translation>La synchronisation a échoué : %1. Nouvelle tentative automatique.</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console
Offline-first sync for ERP data.
Connected to %1</source>
        <translation>Console BridgeCore Sync
Synchronisation hors ligne d&apos;abord des données ERP.
Connectée à %1</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console — %1</source>
        <translation>Console BridgeCore Sync — %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeEditor</name>
    <message>
        <source>Shortcut: %1</source>
        <translation>Raccourci : %1</translation>
    </message>
    <message>
        <source>Take local</source>
        <translation>Prendre le local</translation>
    </message>
    <message>
        <source>Take server</source>
        <translation>Prendre le serveur</translation>
    </message>
    <message>
        <source>Edit result</source>
        <translation>Modifier le résultat</translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation>Différence précédente</translation>
    </message>
    <message>
        <source>Next difference</source>
        <translation>Différence suivante</translation>
    </message>
    <message>
        <source>Take all local</source>
        <translation>Tout prendre en local</translation>
    </message>
    <message>
        <source>Take all server</source>
        <translation>Tout prendre du serveur</translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation>Le serveur gagne</translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation>Le client gagne</translation>
    </message>
    <message>
        <source>Submit merge</source>
        <translation>Valider la fusion</translation>
    </message>
    <message>
        <source>local version %1, server version %2</source>
        <translation>version locale %1, version serveur %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>Conflict %1 on %2 #%3 from device %4 (%5)</source>
        <translation>Conflit %1 sur %2 n°%3 depuis l&apos;appareil %4 (%5)</translation>
    </message>
    <message>
        <source>Resolved record: %1</source>
        <translation>Enregistrement résolu : %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeModel</name>
    <message>
        <source>(unchanged)</source>
        <translation>(inchangé)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(inconnu)</translation>
    </message>
    <message>
        <source>Changed on both sides to different values</source>
        <translation>Modifié des deux côtés avec des valeurs différentes</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MetricSeriesModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Pushed changes/s</source>
        <translation>Modifications envoyées/s</translation>
    </message>
    <message>
        <source>Pulled events/s</source>
        <translation>Événements reçus/s</translation>
    </message>
    <message>
        <source>p95 push latency (ms)</source>
        <translation>Latence d&apos;envoi p95 (ms)</translation>
    </message>
    <message>
        <source>Conflicts/min</source>
        <translation>Conflits/min</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OutboxModel</name>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflit</translation>
    </message>
    <message>
        <source>create</source>
        <translation>création</translation>
    </message>
    <message>
        <source>update</source>
        <translation>modification</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>suppression</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::PendingView</name>
    <message>
        <source>This console&apos;s outbox</source>
        <translation>File d&apos;envoi de cette console</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Abandonner…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Devices with failed or waiting pushes</source>
        <translation>Appareils avec des envois en échec ou en attente</translation>
    </message>
    <message>
        <source>%1 pending, %2 in flight, %3 failed, %4 conflicts, %5 synced</source>
        <translation>%1 en attente, %2 en cours, %3 en échec, %4 conflits, %5 synchronisées</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>La nouvelle tentative a échoué : %1</translation>
    </message>
    <message>
        <source>The change will be sent with the next sync</source>
        <translation>La modification sera envoyée à la prochaine synchronisation</translation>
    </message>
    <message>
        <source>Discard change</source>
        <translation>Abandonner la modification</translation>
    </message>
    <message>
        <source>Discard change #%1 (%2 on %3)? The local edit is reverted and never sent.</source>
        <translation>Abandonner la modification n°%1 (%2 sur %3) ? La modification locale est annulée et ne sera jamais envoyée.</translation>
    </message>
    <message>
        <source>Discard failed: %1</source>
        <translation>L&apos;abandon a échoué : %1</translation>
    </message>
    <message>
        <source>Change discarded</source>
        <translation>Modification abandonnée</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordForm</name>
    <message>
        <source>New field name</source>
        <translation>Nom du nouveau champ</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Ajouter un champ</translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation>Une valeur JSON</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordTableModel</name>
    <message>
        <source>new (not synced)</source>
        <translation>nouveau (non synchronisé)</translation>
    </message>
    <message>
        <source>edited (not synced)</source>
        <translation>modifié (non synchronisé)</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisé</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordsView</name>
    <message>
        <source>Model:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nouveau…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n enregistrement</numerusform>
            <numerusform>%n enregistrements</numerusform>
        </translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>Nouveau %1</translation>
    </message>
    <message>
        <source>Edit %1 #%2</source>
        <translation>Modifier %1 n°%2</translation>
    </message>
    <message>
        <source>Edit %1 %2</source>
        <translation>Modifier %1 %2</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>L&apos;enregistrement a échoué : %1</translation>
    </message>
    <message>
        <source>Saved offline; it will be sent with the next sync</source>
        <translation>Enregistré hors ligne ; ce sera envoyé à la prochaine synchronisation</translation>
    </message>
    <message>
        <source>Nothing changed</source>
        <translation>Rien n&apos;a changé</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>Supprimer l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Delete %1 %2?</source>
        <translation>Supprimer %1 %2 ?</translation>
    </message>
    <message>
        <source>Deleting failed: %1</source>
        <translation>La suppression a échoué : %1</translation>
    </message>
    <message>
        <source>Deleted offline; it will be sent with the next sync</source>
        <translation>Supprimé hors ligne ; ce sera envoyé à la prochaine synchronisation</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::SettingsView</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Embedded (this computer is the server)</source>
        <translation>Intégré (cet ordinateur est le serveur)</translation>
    </message>
    <message>
        <source>Connected to a server</source>
        <translation>Connecté à un serveur</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>URL du serveur :</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail :</translation>
    </message>
    <message>
        <source>App type:</source>
        <translation>Type d&apos;application :</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Sync interval:</source>
        <translation>Intervalle de synchro :</translation>
    </message>
    <message>
        <source>Manual (review in the merge editor)</source>
        <translation>Manuelle (revue dans l&apos;éditeur de fusion)</translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation>Le serveur gagne</translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation>Le client gagne</translation>
    </message>
    <message>
        <source>Newest wins</source>
        <translation>Le plus récent gagne</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <source>Default conflict strategy:</source>
        <translation>Stratégie de conflit par défaut :</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Devices on the network</source>
        <translation>Appareils du réseau</translation>
    </message>
    <message>
        <source>Serve the sync API</source>
        <translation>Servir l&apos;API de synchronisation</translation>
    </message>
    <message>
        <source>127.0.0.1 serves this computer only; enter a LAN address to let phones connect</source>
        <translation>127.0.0.1 ne sert que cet ordinateur ; saisissez une adresse du réseau local pour que les téléphones se connectent</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port :</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::UserTableModel</name>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>support</source>
        <translation>support</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of BridgeCore Sync.</source>
        <translation>Console de bureau de BridgeCore Sync.</translation>
    </message>
    <message>
        <source>Start simulated devices.</source>
        <translation>Démarrer des appareils simulés.</translation>
    </message>
    <message>
        <source>Keep the database in &lt;dir&gt; (or $BRIDGECORE_DATA_DIR).</source>
        <translation>Conserver la base de données dans &lt;dir&gt; (ou $BRIDGECORE_DATA_DIR).</translation>
    </message>
    <message>
        <source>Use &lt;lang&gt;: en, ar or fr.</source>
        <translation>Utiliser &lt;lang&gt; : en, ar ou fr.</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console</source>
        <translation>Console BridgeCore Sync</translation>
    </message>
    <message>
        <source>The console cannot start: %1</source>
        <translation>La console ne peut pas démarrer : %1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>The console created its database in %1 and an administrator for devices that sync to it:

%2
password: %3

This password is shown only once; you can reset it under Users and app types.</source>
        <translation>La console a créé sa base de données dans %1 et un administrateur pour les appareils qui s&apos;y synchronisent :

%2
mot de passe : %3

Ce mot de passe n&apos;est affiché qu&apos;une fois ; vous pouvez le réinitialiser dans Utilisateurs et types d&apos;application.</translation>
    </message>
    <message>
        <source>Connect to the server at &lt;url&gt; (connected mode).</source>
        <translation>Se connecter au serveur à l&apos;adresse &lt;url&gt; (mode connecté).</translation>
    </message>
    <message>
        <source>Connected mode failed (%1): the console runs embedded.</source>
        <translation>Le mode connecté a échoué (%1) : la console fonctionne en mode intégré.</translation>
    </message>
    <message>
        <source>Login cancelled: the console runs embedded. Choose the mode in Settings.</source>
        <translation>Connexion annulée : la console fonctionne en mode intégré. Choisissez le mode dans les Paramètres.</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Connecté à %1 en tant que %2</translation>
    </message>
</context>
</TS>
