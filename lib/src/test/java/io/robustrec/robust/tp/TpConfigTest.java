package io.robustrec.robust.tp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TpConfigTest {

    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void defaultsAreThePapersSettings() {
        TpConfig d = TpConfig.defaults();
        assertEquals(2, d.innerSteps());
        assertEquals(4, d.usersPerStep());
        assertEquals(0.2, d.headShare());
        assertEquals(0.1, d.adversarialWeight());
        assertEquals(1, d.chains());
        assertEquals(8, d.usersPerOuterStep());
        assertEquals(3 * 2 * 4, d.withChains(3).usersPerOuterStep());
    }

    @Test
    void errorsNameTheParameterAndTheValue() {
        TpConfig d = TpConfig.defaults();
        fails("innerSteps=0 must be >= 1", () -> d.withInnerSteps(0));
        fails("innerRate=0.0 must be a finite number > 0", () -> d.withInnerRate(0));
        fails("innerRate=Infinity must be a finite number > 0", () -> d.withInnerRate(Double.POSITIVE_INFINITY));
        fails("adversarialWeight=-0.5 must be a finite number >= 0", () -> d.withAdversarialWeight(-0.5));
        fails("adversarialWeight=NaN must be a finite number >= 0", () -> d.withAdversarialWeight(Double.NaN));
        fails("usersPerStep=0 must be >= 1", () -> d.withUsersPerStep(0));
        fails("discriminatorHidden=0 must be >= 1", () -> d.withDiscriminatorHidden(0));
        fails("headShare=1.0 must be in (0, 1)", () -> d.withHeadShare(1.0));
        fails("chains=0 must be >= 1", () -> d.withChains(0));
        fails("equalUserWeights and weightTasksByTargets are both on: choose one way to weight a task's users",
                () -> d.withEqualUserWeights(true).withWeightTasksByTargets(true));
    }
}
