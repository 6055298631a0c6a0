-- Run once by the postgres image on an empty data volume: one database per service
-- (the services own their schemas through Flyway).
CREATE DATABASE coachwork_subscription;
CREATE DATABASE coachwork_wallet;
CREATE DATABASE coachwork_session;
CREATE DATABASE coachwork_scheduling;
CREATE DATABASE coachwork_notification;
