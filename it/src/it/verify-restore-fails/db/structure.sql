--
-- PostgreSQL database dump
--

-- Dumped from database version 15.18
-- Dumped by pg_dump version 15.18

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE TABLE public.accounts (
    id bigint NOT NULL,
    name text
);

ALTER TABLE public.accounts OWNER TO legacy_owner;
