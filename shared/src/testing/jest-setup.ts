// type-graphql reads decorator metadata through reflect-metadata; load it before any schema class.
import 'reflect-metadata';
