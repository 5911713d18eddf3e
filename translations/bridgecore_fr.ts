<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ModelCatalog</name>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Is a Company</source>
        <translation>Est une société</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Zip</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>N° TVA</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Related Company</source>
        <translation>Société liée</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Internal Reference</source>
        <translation>Référence interne</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Code-barres</translation>
    </message>
    <message>
        <source>Sales Price</source>
        <translation>Prix de vente</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Product Type</source>
        <translation>Type de produit</translation>
    </message>
    <message>
        <source>Consumable</source>
        <translation>Consommable</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Storable Product</source>
        <translation>Produit stockable</translation>
    </message>
    <message>
        <source>Can be Sold</source>
        <translation>Peut être vendu</translation>
    </message>
    <message>
        <source>Can be Purchased</source>
        <translation>Peut être acheté</translation>
    </message>
    <message>
        <source>Quantity On Hand</source>
        <translation>Quantité en stock</translation>
    </message>
    <message>
        <source>Sales Order</source>
        <translation>Bon de commande client</translation>
    </message>
    <message>
        <source>Order Reference</source>
        <translation>Référence de la commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Order Date</source>
        <translation>Date de commande</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Quotation</source>
        <translation>Devis</translation>
    </message>
    <message>
        <source>Quotation Sent</source>
        <translation>Devis envoyé</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Customer Reference</source>
        <translation>Référence client</translation>
    </message>
    <message>
        <source>Terms and conditions</source>
        <translation>Conditions générales</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Sales Order Line</source>
        <translation>Ligne de commande client</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit Price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Discount (%)</source>
        <translation>Remise (%)</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Purchase Order</source>
        <translation>Bon de commande</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Order Deadline</source>
        <translation>Date limite de commande</translation>
    </message>
    <message>
        <source>RFQ</source>
        <translation>Demande de prix</translation>
    </message>
    <message>
        <source>RFQ Sent</source>
        <translation>Demande de prix envoyée</translation>
    </message>
    <message>
        <source>To Approve</source>
        <translation>À approuver</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <source>Purchase Order Line</source>
        <translation>Ligne de bon de commande</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfert</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Scheduled Date</source>
        <translation>Date prévue</translation>
    </message>
    <message>
        <source>Source Document</source>
        <translation>Document d’origine</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Waiting Another Operation</source>
        <translation>En attente d’une autre opération</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Source Location</source>
        <translation>Emplacement d’origine</translation>
    </message>
    <message>
        <source>Destination Location</source>
        <translation>Emplacement de destination</translation>
    </message>
    <message>
        <source>Stock Move</source>
        <translation>Mouvement de stock</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Product Moves (Stock Move Line)</source>
        <translation>Mouvements de produits</translation>
    </message>
    <message>
        <source>Lot/Serial Number</source>
        <translation>Numéro de lot/série</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Vers</translation>
    </message>
    <message>
        <source>Quants</source>
        <translation>Quants</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Counted Quantity</source>
        <translation>Quantité comptée</translation>
    </message>
    <message>
        <source>Inventory Locations</source>
        <translation>Emplacements d’inventaire</translation>
    </message>
    <message>
        <source>Location Name</source>
        <translation>Nom de l’emplacement</translation>
    </message>
    <message>
        <source>Full Location Name</source>
        <translation>Nom complet de l’emplacement</translation>
    </message>
    <message>
        <source>Location Type</source>
        <translation>Type d’emplacement</translation>
    </message>
    <message>
        <source>Vendor Location</source>
        <translation>Emplacement fournisseur</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vue</translation>
    </message>
    <message>
        <source>Internal Location</source>
        <translation>Emplacement interne</translation>
    </message>
    <message>
        <source>Customer Location</source>
        <translation>Emplacement client</translation>
    </message>
    <message>
        <source>Inventory Loss</source>
        <translation>Perte d’inventaire</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Transit Location</source>
        <translation>Emplacement de transit</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Lot/Serial</source>
        <translation>Lot/N° de série</translation>
    </message>
    <message>
        <source>Journal Entry</source>
        <translation>Pièce comptable</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <source>Invoice/Bill Date</source>
        <translation>Date de facturation</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Customer Invoice</source>
        <translation>Facture client</translation>
    </message>
    <message>
        <source>Customer Credit Note</source>
        <translation>Avoir client</translation>
    </message>
    <message>
        <source>Vendor Bill</source>
        <translation>Facture fournisseur</translation>
    </message>
    <message>
        <source>Vendor Credit Note</source>
        <translation>Avoir fournisseur</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Comptabilisé</translation>
    </message>
    <message>
        <source>Lead/Opportunity</source>
        <translation>Piste/Opportunité</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunité</translation>
    </message>
    <message>
        <source>Expected Revenue</source>
        <translation>Revenu espéré</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilité</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Piste</translation>
    </message>
    <message>
        <source>Expected Closing</source>
        <translation>Clôture prévue</translation>
    </message>
    <message>
        <source>CRM Stages</source>
        <translation>Étapes CRM</translation>
    </message>
    <message>
        <source>Stage Name</source>
        <translation>Nom de l’étape</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Séquence</translation>
    </message>
    <message>
        <source>Is Won Stage?</source>
        <translation>Étape gagnée ?</translation>
    </message>
    <message>
        <source>Calendar Event</source>
        <translation>Événement du calendrier</translation>
    </message>
    <message>
        <source>Meeting Subject</source>
        <translation>Objet de la réunion</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>All Day</source>
        <translation>Toute la journée</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Due Date</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Related Document Model</source>
        <translation>Modèle du document lié</translation>
    </message>
    <message>
        <source>Related Document ID</source>
        <translation>ID du document lié</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Employé</translation>
    </message>
    <message>
        <source>Employee Name</source>
        <translation>Nom de l’employé</translation>
    </message>
    <message>
        <source>Job Title</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Work Email</source>
        <translation>E-mail professionnel</translation>
    </message>
    <message>
        <source>Work Phone</source>
        <translation>Téléphone professionnel</translation>
    </message>
    <message>
        <source>Work Mobile</source>
        <translation>Mobile professionnel</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>est obligatoire</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>doit être un nombre entier</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>doit être un nombre</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>doit être oui ou non</translation>
    </message>
    <message>
        <source>must be a record</source>
        <translation>doit être un enregistrement connu</translation>
    </message>
    <message>
        <source>must be one of the listed values</source>
        <translation>doit faire partie des valeurs proposées</translation>
    </message>
    <message>
        <source>is not one of the listed values</source>
        <translation>ne fait pas partie des valeurs proposées</translation>
    </message>
    <message>
        <source>must be a date like 2026-11-29</source>
        <translation>doit être une date comme 2026-11-29</translation>
    </message>
    <message>
        <source>must be a date and time like 2026-11-29 14:30:00</source>
        <translation>doit être une date et heure comme 2026-11-29 14:30:00</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>doit être du texte</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>n’est pas un nombre entier</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>n’est pas un nombre</translation>
    </message>
    <message>
        <source>is not yes or no</source>
        <translation>n’est ni oui ni non</translation>
    </message>
    <message>
        <source>is not valid JSON</source>
        <translation>n’est pas du JSON valide</translation>
    </message>
    <message>
        <source>has an unknown type</source>
        <translation>a un type inconnu</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Demo: simulated devices on a database of their own (%1).</source>
        <translation>Démo : appareils simulés sur une base de données à part (%1).</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Connecté à %1 en tant que %2</translation>
    </message>
    <message>
        <source>Using the local database, as chosen at login. Choose the mode in Settings.</source>
        <translation>Base de données locale, comme choisi à la connexion. Choisissez le mode dans les Paramètres.</translation>
    </message>
</context>
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
        <translation>l’appareil gagne</translation>
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
        <translation>Enreg.</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The record&apos;s id in its model</source>
        <translation>L&apos;identifiant de l&apos;enregistrement dans son modèle</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
        <source>Resolution failed: %1</source>
        <translation>La résolution a échoué : %1</translation>
    </message>
    <message>
        <source>Conflict %1 resolved</source>
        <translation>Conflit %1 résolu</translation>
    </message>
    <message>
        <source>Filter by model, device or field…</source>
        <translation>Filtrer par modèle, appareil ou champ…</translation>
    </message>
    <message>
        <source>Selected:</source>
        <translation>Sélection :</translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation>Le serveur gagne</translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation>L’appareil gagne</translation>
    </message>
    <message>
        <source>Resolve selected</source>
        <translation>Résoudre la sélection</translation>
    </message>
    <message>
        <source>No open conflicts. A conflict appears here when a device changes a record that changed on the server meanwhile and its strategy is manual.</source>
        <translation>Aucun conflit ouvert. Un conflit apparaît ici quand un appareil modifie un enregistrement qui a changé entre-temps sur le serveur et que sa stratégie est manuelle.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>%Ln conflit</numerusform>
            <numerusform>%Ln conflits</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts to show.</source>
        <translation>Aucun conflit à afficher.</translation>
    </message>
    <message>
        <source>the device&apos;s values</source>
        <translation>les valeurs de l’appareil</translation>
    </message>
    <message>
        <source>the server&apos;s values</source>
        <translation>les valeurs du serveur</translation>
    </message>
    <message>
        <source>Resolve conflicts</source>
        <translation>Résoudre des conflits</translation>
    </message>
    <message numerus="yes">
        <source>Resolve %Ln conflict(s) with %1?</source>
        <translation>
            <numerusform>Résoudre %Ln conflit avec %1 ?</numerusform>
            <numerusform>Résoudre %Ln conflits avec %1 ?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln conflict(s) resolved: %2</source>
        <translation>
            <numerusform>%1 sur %Ln conflit résolus : %2</numerusform>
            <numerusform>%1 sur %Ln conflits résolus : %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) resolved</source>
        <translation>
            <numerusform>%Ln conflit résolu</numerusform>
            <numerusform>%Ln conflits résolus</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no open conflicts: nothing to compare.</source>
        <translation>Aucun conflit ouvert : rien à comparer.</translation>
    </message>
    <message>
        <source>There are no conflicts here: nothing to compare.</source>
        <translation>Aucun conflit ici : rien à comparer.</translation>
    </message>
    <message>
        <source>Select a conflict to compare the device&apos;s values with the server&apos;s.</source>
        <translation>Sélectionnez un conflit pour comparer les valeurs de l’appareil à celles du serveur.</translation>
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
        <source>Pushed changes</source>
        <translation>Modifications envoyées</translation>
    </message>
    <message>
        <source>changes/s</source>
        <translation>modifications/s</translation>
    </message>
    <message>
        <source>Pulled events</source>
        <translation>Événements reçus</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>événements/s</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>conflicts/min</source>
        <translation>conflits/min</translation>
    </message>
    <message>
        <source>Stored history, then live samples each second (up to 1 hour); hover a line for its values</source>
        <translation>Historique enregistré, puis une mesure en direct par seconde (jusqu’à 1 heure) ; survolez une courbe pour voir ses valeurs</translation>
    </message>
    <message>
        <source>Push latency</source>
        <translation>Latence d’envoi</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minute</numerusform>
            <numerusform>%Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln heure</numerusform>
            <numerusform>%Ln heures</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceDrillDown</name>
    <message>
        <source>Device %1</source>
        <translation>Appareil %1</translation>
    </message>
    <message>
        <source>Queue report</source>
        <translation>File d’attente</translation>
    </message>
    <message>
        <source>Latest report:</source>
        <translation>Dernier état :</translation>
    </message>
    <message>
        <source>Pushes and pulls</source>
        <translation>Envois et réceptions</translation>
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
        <source>Last result:</source>
        <translation>Dernier résultat :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>Pushes:</source>
        <translation>Envois :</translation>
    </message>
    <message>
        <source>Pulls:</source>
        <translation>Réceptions :</translation>
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
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflits ouverts</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Show in Conflicts</source>
        <translation>Afficher dans Conflits</translation>
    </message>
    <message>
        <source>What this device would receive</source>
        <translation>Ce que cet appareil recevrait</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>nothing pending</source>
        <translation>rien en attente</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s), oldest %1</source>
        <translation>
            <numerusform>%Ln modification en attente, la plus ancienne %1</numerusform>
            <numerusform>%Ln modifications en attente, la plus ancienne %1</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>success</source>
        <translation>succès</translation>
    </message>
    <message>
        <source>open conflicts</source>
        <translation>conflits ouverts</translation>
    </message>
    <message>
        <source>error reported by the device</source>
        <translation>erreur signalée par l’appareil</translation>
    </message>
    <message>
        <source>no sync yet</source>
        <translation>pas encore de synchronisation</translation>
    </message>
    <message>
        <source>%1: %2; %3 applied, %4 failed, %5 in conflict</source>
        <translation>%1 : %2 ; %3 appliquées, %4 en échec, %5 en conflit</translation>
    </message>
    <message numerus="yes">
        <source>%Ln push(es)</source>
        <translation>
            <numerusform>%Ln envoi</numerusform>
            <numerusform>%Ln envois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln modification</numerusform>
            <numerusform>%Ln modifications</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pull(s)</source>
        <translation>
            <numerusform>%Ln réception</numerusform>
            <numerusform>%Ln réceptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) received</source>
        <translation>
            <numerusform>%Ln événement reçu</numerusform>
            <numerusform>%Ln événements reçus</numerusform>
        </translation>
    </message>
    <message>
        <source>No change from this device is in the event log yet; its pushed changes appear here.</source>
        <translation>Aucune modification de cet appareil n’est encore dans le journal ; ses modifications envoyées apparaîtront ici.</translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln change(s) of %1 this device pushed.</source>
        <translation>
            <numerusform>La dernière modification (%Ln sur %1) envoyée par cet appareil.</numerusform>
            <numerusform>Les %Ln dernières modifications sur %1 envoyées par cet appareil.</numerusform>
        </translation>
    </message>
    <message>
        <source>No open conflict: when a change of this device meets a newer server version, the conflict appears here.</source>
        <translation>Aucun conflit ouvert : quand une modification de cet appareil rencontre une version plus récente sur le serveur, le conflit apparaît ici.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln open conflict(s)</source>
        <translation>
            <numerusform>%Ln conflit ouvert</numerusform>
            <numerusform>%Ln conflits ouverts</numerusform>
        </translation>
    </message>
    <message>
        <source>The device has not pulled yet, so its app type is unknown; after its first pull, its models and their sizes appear here.</source>
        <translation>L’appareil n’a encore rien reçu, son type d’application est donc inconnu ; après sa première réception, ses modèles et leur taille apparaîtront ici.</translation>
    </message>
    <message numerus="yes">
        <source>A full pull as %1 would bring %Ln record(s), %2 of record data (events and protocol overhead not counted).</source>
        <translation>
            <numerusform>Une réception complète en tant que %1 apporterait %Ln enregistrement, %2 de données (événements et surcoût du protocole non comptés).</numerusform>
            <numerusform>Une réception complète en tant que %1 apporterait %Ln enregistrements, %2 de données (événements et surcoût du protocole non comptés).</numerusform>
        </translation>
    </message>
    <message>
        <source>Each push and pull carries a report: the Pending column of the history below is the device&apos;s queue over time.</source>
        <translation>Chaque envoi et chaque réception transmettent un état : la colonne En attente de l’historique ci-dessous montre la file d’attente de l’appareil au fil du temps.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>The changes below come from the event log.</source>
        <translation>Les modifications ci-dessous viennent du journal des événements.</translation>
    </message>
    <message>
        <source>No push or pull of this device is recorded yet.</source>
        <translation>Aucun envoi ni aucune réception de cet appareil n’est encore enregistré.</translation>
    </message>
    <message>
        <source>push</source>
        <translation>envoi</translation>
    </message>
    <message>
        <source>pull</source>
        <translation>réception</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>non signalé</translation>
    </message>
    <message numerus="yes">
        <source>%Ln applied</source>
        <translation>
            <numerusform>%Ln appliquée</numerusform>
            <numerusform>%Ln appliquées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln en conflit</numerusform>
            <numerusform>%Ln en conflit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln push(es) and pull(s), newest first; the server keeps the last %1.</source>
        <translation>
            <numerusform>Le dernier envoi ou la dernière réception ; le serveur conserve les %1 derniers.</numerusform>
            <numerusform>Les %Ln derniers envois et réceptions, du plus récent au plus ancien ; le serveur conserve les %1 derniers.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pushes over time</source>
        <translation>Envois au fil du temps</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>modifications</translation>
    </message>
    <message>
        <source>Changes pushed</source>
        <translation>Modifications envoyées</translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation>En conflit</translation>
    </message>
    <message>
        <source>Pending (queue report)</source>
        <translation>En attente (rapport de file)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceTableModel</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s) ago</source>
        <translation>
            <numerusform>il y a %Ln minute</numerusform>
            <numerusform>il y a %Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s) ago</source>
        <translation>
            <numerusform>il y a %Ln heure</numerusform>
            <numerusform>il y a %Ln heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>il y a %Ln jour</numerusform>
            <numerusform>il y a %Ln jours</numerusform>
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
        <translation>Application</translation>
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
        <translation>Synchronisé</translation>
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
    <message>
        <source>Last push or pull</source>
        <translation>Dernier envoi ou réception</translation>
    </message>
    <message>
        <source>The device&apos;s app type: which models it syncs</source>
        <translation>Le type d&apos;application de l&apos;appareil : les modèles qu&apos;il synchronise</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
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
        <translation>Réinitialiser la synchro…</translation>
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
        <source>%1 (user %2)</source>
        <translation>%1 (utilisateur %2)</translation>
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
    <message>
        <source>No device has synced yet. Devices appear here after their first push or pull: serve the sync API to your network in Settings, or try bridgecore-console --demo.</source>
        <translation>Aucun appareil n’a encore synchronisé. Les appareils apparaissent ici après leur premier envoi ou leur première réception : servez l’API de synchronisation sur votre réseau dans les Paramètres, ou essayez bridgecore-console --demo.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln device(s) loaded</source>
        <translation>
            <numerusform>%1 sur %Ln appareil chargé</numerusform>
            <numerusform>%1 sur %Ln appareils chargés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %Ln event(s) behind</source>
        <translation>
            <numerusform>%1 / %Ln événement de retard</numerusform>
            <numerusform>%1 / %Ln événements de retard</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing pending</source>
        <translation>rien en attente</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s), oldest %1</source>
        <translation>
            <numerusform>%Ln modification en attente, la plus ancienne %1</numerusform>
            <numerusform>%Ln modifications en attente, la plus ancienne %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Look up a change…</source>
        <translation>Vérifier un envoi…</translation>
    </message>
    <message>
        <source>Whether and when one of a device&apos;s changes was applied</source>
        <translation>Si et quand une modification d’un appareil a été appliquée</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <source>Queue, pushes and pulls, conflicts and what this device would receive (or double-click a device)</source>
        <translation>File d’attente, envois et réceptions, conflits et ce que cet appareil recevrait (ou double-cliquez sur un appareil)</translation>
    </message>
    <message>
        <source>Select a device to see its details.</source>
        <translation>Sélectionnez un appareil pour voir ses détails.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s)</source>
        <translation>
            <numerusform>%Ln modification en attente</numerusform>
            <numerusform>%Ln modifications en attente</numerusform>
        </translation>
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
        <translation>N°</translation>
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
        <translation>Id</translation>
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
    <message>
        <source>Conflict %1 resolved by %2 on the server: the device&apos;s change %3 did not write this event</source>
        <translation>Conflit %1 résolu par %2 sur le serveur : ce n’est pas la modification %3 de l’appareil qui a écrit cet événement</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>fusionné</translation>
    </message>
    <message>
        <source>client wins</source>
        <translation>l’appareil gagne</translation>
    </message>
    <message>
        <source>server wins</source>
        <translation>le serveur gagne</translation>
    </message>
    <message>
        <source>resolve #%1 (%2)</source>
        <translation>résolution n°%1 (%2)</translation>
    </message>
    <message>
        <source>server, for %1</source>
        <translation>serveur pour %1</translation>
    </message>
    <message>
        <source>The record&apos;s id in its model</source>
        <translation>L&apos;identifiant de l&apos;enregistrement dans son modèle</translation>
    </message>
    <message>
        <source>The event&apos;s number: the server numbers a tenant&apos;s events in the order it writes them</source>
        <translation>Numéro de l’événement : le serveur numérote les événements d’un locataire dans l’ordre où il les écrit</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
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
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln événement</numerusform>
            <numerusform>%Ln événements</numerusform>
        </translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation>Aucun événement ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>No events yet. Every change a device pushes, and every conflict resolution, appears here, newest first.</source>
        <translation>Aucun événement pour l’instant. Chaque modification envoyée par un appareil, et chaque résolution de conflit, apparaît ici, la plus récente en premier.</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::LedgerLookupDialog</name>
    <message>
        <source>Look up a change</source>
        <translation>Rechercher une modification</translation>
    </message>
    <message>
        <source>Did a device&apos;s change reach the server? Give the device and the change&apos;s local id (shown on the device).</source>
        <translation>La modification d’un appareil est-elle arrivée au serveur ? Indiquez l’appareil et l’identifiant local de la modification (affiché sur l’appareil).</translation>
    </message>
    <message>
        <source>e.g. 3f2a…-local-17</source>
        <translation>p. ex. 3f2a…-local-17</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Appareil :</translation>
    </message>
    <message>
        <source>Local id:</source>
        <translation>Identifiant local :</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>The answer appears here.</source>
        <translation>La réponse s’affiche ici.</translation>
    </message>
    <message>
        <source>Give both the device and the local id.</source>
        <translation>Indiquez l’appareil et l’identifiant local.</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>La recherche a échoué : %1</translation>
    </message>
    <message>
        <source>No: change %1 of %2 never reached the server as applied. It is still queued on the device, or the server refused it (refused changes are not remembered; the device shows them as failed).</source>
        <translation>Non : la modification %1 de %2 n’a jamais été appliquée sur le serveur. Elle attend encore sur l’appareil, ou le serveur l’a refusée (les refus ne sont pas mémorisés ; l’appareil les affiche comme en échec).</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>It arrived but was held as a conflict on %1 %2</source>
        <translation>Elle est arrivée mais a été retenue en conflit sur %1 %2</translation>
    </message>
    <message>
        <source>(conflict %1: see Conflicts).</source>
        <translation>(conflit %1 : voir Conflits).</translation>
    </message>
    <message>
        <source>Yes: applied, it created %1 %2</source>
        <translation>Oui : appliquée, elle a créé %1 %2</translation>
    </message>
    <message>
        <source>Yes: applied to %1 %2</source>
        <translation>Oui : appliquée à %1 %2</translation>
    </message>
    <message>
        <source>(version %1).</source>
        <translation>(version %1).</translation>
    </message>
    <message>
        <source>Applied at %1 (event %2).</source>
        <translation>Appliquée le %1 (événement %2).</translation>
    </message>
    <message>
        <source>If the device sends it again, the server answers from this entry and does not apply it twice.</source>
        <translation>Si l’appareil la renvoie, le serveur répond à partir de cette entrée et ne l’applique pas deux fois.</translation>
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
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Use the local database</source>
        <translation>Utiliser la base locale</translation>
    </message>
    <message>
        <source>Run the console on its own database on this computer instead</source>
        <translation>Faire tourner la console sur sa propre base de données sur cet ordinateur</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MainWindow</name>
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
        <translation>Aid&amp;e</translation>
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
        <translation>Utilisateurs et applications</translation>
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
        <source>Demo (separate database)</source>
        <translation>Démo (base de données à part)</translation>
    </message>
    <message>
        <source>Local database</source>
        <translation>Base de données locale</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Pushing</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Pulling</source>
        <translation>Réception</translation>
    </message>
    <message>
        <source>%1 %L2 / %L3 · %L4/s</source>
        <translation>%1 %L2 / %L3 · %L4/s</translation>
    </message>
    <message>
        <source>%1 %L2 / %L3 · %L4/s · %5 s left</source>
        <translation>%1 %L2 / %L3 · %L4/s · %5 s restantes</translation>
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
        <translation>L’appareil gagne</translation>
    </message>
    <message>
        <source>Submit merge</source>
        <translation>Valider la fusion</translation>
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
        <source>changed on both sides to different values</source>
        <translation>modifié des deux côtés avec des valeurs différentes</translation>
    </message>
    <message>
        <source>device and server differ</source>
        <translation>appareil et serveur diffèrent</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <source>the value the result takes</source>
        <translation>la valeur retenue dans le résultat</translation>
    </message>
    <message>
        <source>device&apos;s version %1, server version %2</source>
        <translation>version de l’appareil %1, version du serveur %2</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>le serveur</translation>
    </message>
    <message>
        <source>Resolved by %1 on %2</source>
        <translation>Résolu par %1 le %2</translation>
    </message>
    <message>
        <source>Select a conflict to compare the device&apos;s values with the server&apos;s.</source>
        <translation>Sélectionnez un conflit pour comparer les valeurs de l’appareil à celles du serveur.</translation>
    </message>
    <message>
        <source>%1 %2: the result keeps its value.</source>
        <translation>%1 %2 : le résultat garde sa valeur.</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modèle : %1</translation>
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
    <message>
        <source>p50 push latency (ms)</source>
        <translation>latence d’envoi p50 (ms)</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooConnectionsView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Odoo</source>
        <translation>Odoo</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Only an admin sees the Odoo connection.</source>
        <translation>Seul un administrateur voit la connexion Odoo.</translation>
    </message>
    <message>
        <source>The Odoo connection could not be read: %1</source>
        <translation>La connexion Odoo n’a pas pu être lue : %1</translation>
    </message>
    <message>
        <source>No tenant is attached to Odoo. Attach one with: %1</source>
        <translation>Aucun locataire n’est rattaché à Odoo. Rattachez-en un avec : %1</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Locataire :</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL :</translation>
    </message>
    <message>
        <source>Odoo database:</source>
        <translation>Base de données Odoo :</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>API:</source>
        <translation>API :</translation>
    </message>
    <message>
        <source>JSON-2 (Odoo 19 and later)</source>
        <translation>JSON-2 (Odoo 19 et ultérieur)</translation>
    </message>
    <message>
        <source>JSON-RPC (Odoo 14 to 18)</source>
        <translation>JSON-RPC (Odoo 14 à 18)</translation>
    </message>
    <message>
        <source>Odoo version:</source>
        <translation>Version d’Odoo :</translation>
    </message>
    <message>
        <source>%1, user id %2</source>
        <translation>%1, utilisateur n° %2</translation>
    </message>
    <message>
        <source>The Odoo feed is not running in this console: last contact, feed lag and write latency are known to the server (bridgecore-server serve) that runs it.</source>
        <translation>Le flux Odoo ne tourne pas dans cette console : dernier contact, retard du flux et latence d’écriture sont connus du serveur (bridgecore-server serve) qui le fait tourner.</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>Dernier contact :</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>pas encore</translation>
    </message>
    <message>
        <source>Feed lag:</source>
        <translation>Retard du flux :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Odoo write latency:</source>
        <translation>Latence d’écriture Odoo :</translation>
    </message>
    <message numerus="yes">
        <source>%1 per write batch (%n batches)</source>
        <translation>
            <numerusform>%1 par lot d’écriture (%n lot)</numerusform>
            <numerusform>%1 par lot d’écriture (%n lots)</numerusform>
        </translation>
    </message>
    <message>
        <source>no push written to Odoo yet</source>
        <translation>aucun envoi écrit dans Odoo pour l’instant</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation>Échec du test : %1</translation>
    </message>
    <message>
        <source>Connected: Odoo %1, user id %2</source>
        <translation>Connecté : Odoo %1, utilisateur n° %2</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooFieldLabels</name>
    <message>
        <source>Field labels from Odoo</source>
        <translation>Libellés des champs fournis par Odoo</translation>
    </message>
    <message>
        <source>Odoo is unreachable (%1): field labels as Odoo gave them at %2</source>
        <translation>Odoo est injoignable (%1) : libellés des champs tels qu’Odoo les a fournis le %2</translation>
    </message>
    <message>
        <source>Odoo is unreachable (%1): built-in field labels</source>
        <translation>Odoo est injoignable (%1) : libellés des champs intégrés</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooKpis</name>
    <message>
        <source>Odoo write latency</source>
        <translation>Latence d’écriture Odoo</translation>
    </message>
    <message>
        <source>Odoo feed lag</source>
        <translation>Retard du flux Odoo</translation>
    </message>
    <message>
        <source>no feed here</source>
        <translation>pas de flux ici</translation>
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
    <message>
        <source>write</source>
        <translation>écriture</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>suppression</translation>
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
    <message>
        <source>Send a failed change again</source>
        <translation>Renvoyer une modification en échec</translation>
    </message>
    <message>
        <source>Revert a change that was not sent yet</source>
        <translation>Annuler une modification pas encore envoyée</translation>
    </message>
    <message>
        <source>Nothing waiting. Changes you make under Records queue here until the next sync sends them.</source>
        <translation>Rien en attente. Les modifications faites dans Enregistrements attendent ici jusqu’à ce que la prochaine synchronisation les envoie.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending</source>
        <translation>
            <numerusform>%Ln en attente</numerusform>
            <numerusform>%Ln en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in flight</source>
        <translation>
            <numerusform>%Ln en cours d’envoi</numerusform>
            <numerusform>%Ln en cours d’envoi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln en conflit</numerusform>
            <numerusform>%Ln en conflit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln synced</source>
        <translation>
            <numerusform>%Ln synchronisé</numerusform>
            <numerusform>%Ln synchronisés</numerusform>
        </translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
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
        <source>Created</source>
        <translation>Créé</translation>
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
        <source>Change %1</source>
        <translation>Modification %1</translation>
    </message>
    <message>
        <source>No device has failed or waiting pushes. A device appears here when it reports changes waiting or an error, or has open conflicts.</source>
        <translation>Aucun appareil n’a d’envoi en échec ou en attente. Un appareil apparaît ici quand il signale des modifications en attente ou une erreur, ou qu’il a des conflits ouverts.</translation>
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
        <source>* required</source>
        <translation>* obligatoire</translation>
    </message>
    <message>
        <source>Search %1…</source>
        <translation>Rechercher %1…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
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
        <source>Sync</source>
        <translation>Synchro</translation>
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
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln enregistrement</numerusform>
            <numerusform>%Ln enregistrements</numerusform>
        </translation>
    </message>
    <message>
        <source>No %1 in this console&apos;s cache yet. Records arrive with the next sync from the server, or create one with “New…”.</source>
        <translation>Aucun enregistrement « %1 » dans le cache de cette console. Ils arrivent avec la prochaine synchronisation, ou créez-en un avec « Nouveau… ».</translation>
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
        <translation>L’appareil gagne</translation>
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
    <message>
        <source>this computer (SQLite)</source>
        <translation>cet ordinateur (SQLite)</translation>
    </message>
    <message>
        <source>Empty: a SQLite file in the data folder. Or a PostgreSQL URI, postgresql://user@host/dbname, shared with bridgecore-server processes. Used from the next start.</source>
        <translation>Vide : un fichier SQLite dans le dossier de données. Ou une URI PostgreSQL, postgresql://user@host/dbname, partagée avec les processus bridgecore-server. Prise en compte au prochain démarrage.</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données :</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::TimeChart</name>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1 : %2 %3</translation>
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
    <name>bridgecore::ui::WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>The console created its database in:</source>
        <translation>La console a créé sa base de données dans :</translation>
    </message>
    <message>
        <source>Administrator for devices that sync to it</source>
        <translation>Administrateur pour les appareils qui s’y synchronisent</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail :</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>This password is shown only once and is not written to any log; you can reset it under Users and app types.</source>
        <translation>Ce mot de passe n’est affiché qu’une fois et n’est écrit dans aucun journal ; vous pouvez le réinitialiser dans Utilisateurs et applications.</translation>
    </message>
    <message>
        <source>What next</source>
        <translation>Et maintenant</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message>
        <source>Simulated devices on a separate database (bridgecore-console --demo); this one stays clean.</source>
        <translation>Des appareils simulés sur une base à part (bridgecore-console --demo) ; celle-ci reste propre.</translation>
    </message>
    <message>
        <source>Serve devices on the network…</source>
        <translation>Servir les appareils du réseau…</translation>
    </message>
    <message>
        <source>Let phones and tablets on your network sync to this computer (Settings).</source>
        <translation>Laisser les téléphones et tablettes du réseau se synchroniser avec cet ordinateur (Paramètres).</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Se connecter à un serveur…</translation>
    </message>
    <message>
        <source>Use a BridgeCore server instead of this computer&apos;s database (Settings).</source>
        <translation>Utiliser un serveur BridgeCore au lieu de la base de cet ordinateur (Paramètres).</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of BridgeCore Sync.</source>
        <translation>Console de bureau de BridgeCore Sync.</translation>
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
        <source>Connect to the server at &lt;url&gt; (connected mode).</source>
        <translation>Se connecter au serveur à l&apos;adresse &lt;url&gt; (mode connecté).</translation>
    </message>
    <message>
        <source>Run simulated devices on a separate demo database.</source>
        <translation>Lancer des appareils simulés sur une base de démo à part.</translation>
    </message>
</context>
</TS>
