package dev.tracks.storage.it.support;

import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs test code in a JTA transaction of its own, through the container's {@code UserTransaction},
 * and ends it the way the test needs: committed, rolled back, or marked rollback-only so that the
 * commit fails as an application's failed save does. In-container tests only.
 */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Runs {@code work} and commits; if {@code work} throws, rolls back and rethrows.
     */
    public static <T> T committed(Supplier<T> work) {
        UserTransaction transaction = begin();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollBack(transaction);
            throw e;
        }

        try {
            transaction.commit();
        } catch (Exception e) {
            throw new IllegalStateException("Commit failed: " + e, e);
        }
        return result;
    }

    /**
     * Runs {@code work} and commits, for work without a result.
     */
    public static void committed(Runnable work) {
        committed(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work}, then rolls back, as an application does when a later step of its save fails.
     */
    public static void rolledBack(Runnable work) {
        UserTransaction transaction = begin();
        try {
            work.run();
        } finally {
            rollBack(transaction);
        }
    }

    /**
     * Runs {@code work}, marks the transaction rollback-only and commits, which must fail with a
     * {@link RollbackException}, as a commit does when the database refuses the owner's update.
     */
    public static void failedCommit(Runnable work) {
        UserTransaction transaction = begin();
        try {
            work.run();
            transaction.setRollbackOnly();
        } catch (RuntimeException | Error | SystemException e) {
            rollBack(transaction);
            throw new IllegalStateException("The work failed before the commit: " + e, e);
        }

        try {
            transaction.commit();
        } catch (RollbackException expected) {
            return;
        } catch (Exception e) {
            throw new IllegalStateException("Commit failed otherwise than by rolling back: " + e, e);
        }
        throw new IllegalStateException("A rollback-only transaction committed");
    }

    private static UserTransaction begin() {
        try {
            UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
            transaction.begin();
            return transaction;
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot look up java:comp/UserTransaction: is the test running inside the server?", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot begin a transaction: " + e, e);
        }
    }

    private static void rollBack(UserTransaction transaction) {
        try {
            transaction.rollback();
        } catch (SystemException e) {
            throw new IllegalStateException("Rollback failed: " + e, e);
        }
    }
}
